import type { Config } from '../../config/config.ts';
import type { Check } from '../check.ts';

const PROVIDER_PROBE_TIMEOUT_MS = 5_000;

/**
 * Which transcription and extraction provider is configured, whether the key is there, and whether the
 * base URL answers (GET /models: cheap, no audio or tokens; any HTTP answer counts as reachable).
 */
export async function providerChecks(config: Config, add: (c: Check) => void) {
  const services = [
    {
      id: 'transcription',
      title: 'Transkription',
      prefix: 'TRANSCRIPTION',
      provider: config.transcriptionProvider,
      baseUrl: config.transcriptionBaseUrl,
      apiKey: config.transcriptionApiKey,
      builtIn: config.transcriptionProvider === 'webex' ? 'Webex-Transkript (kein eigener Dienst)' : null,
    },
    {
      id: 'extraction',
      title: 'Auswertung',
      prefix: 'EXTRACTION',
      provider: config.extractionProvider,
      baseUrl: config.extractionBaseUrl,
      apiKey: config.extractionApiKey,
      builtIn: config.extractionProvider === 'rules' ? 'Regeln (offline, kein Dienst)' : null,
    },
  ];
  await Promise.all(
    services.map(async (s) => {
      const base = { id: `provider:${s.id}`, title: s.title };
      if (s.builtIn) {
        add({ ...base, status: 'ok', de: s.builtIn, en: `${s.provider} (built in)` });
        return;
      }
      const key = s.apiKey ? 'Schlüssel gesetzt' : 'ohne Schlüssel';
      const said = `${s.provider}, ${s.baseUrl}, ${key}`;
      let status: number;
      try {
        const res = await fetch(`${s.baseUrl.replace(/\/+$/, '')}/models`, {
          headers: s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {},
          signal: AbortSignal.timeout(PROVIDER_PROBE_TIMEOUT_MS),
        });
        await res.body?.cancel();
        status = res.status;
      } catch (err) {
        const e = err as Error & { cause?: { message?: string } };
        add({
          ...base,
          status: 'fail',
          de: `${said}: nicht erreichbar (${e.name === 'TimeoutError' ? `keine Antwort in ${PROVIDER_PROBE_TIMEOUT_MS / 1000} s` : (e.cause?.message ?? e.message)})`,
          en: `${s.prefix.toLowerCase()} provider unreachable`,
          fix: `${s.prefix}_BASE_URL prüfen und ob dieser Rechner den Dienst erreicht (Proxy, Firewall).`,
        });
        return;
      }
      if (status === 401 || status === 403) {
        add({
          ...base,
          status: 'fail',
          de: `${said}: Dienst lehnt ${s.apiKey ? 'den Schlüssel' : 'Anfragen ohne Schlüssel'} ab (${status})`,
          en: `${s.prefix.toLowerCase()} provider refuses the key`,
          fix: `${s.prefix}_API_KEY ${s.apiKey ? 'prüfen' : 'setzen'}.`,
        });
        return;
      }
      add({ ...base, status: 'ok', de: `${said}, erreichbar`, en: `${s.provider} reachable` });
    }),
  );
}
