import { ProviderUnavailable, providerClient, providerError } from '../../providers/providerErrors.ts';
import { callExtractionJsonSchema, type ExtractionResult, postProcess } from '../index.ts';

export interface OpenAiExtractionSettings {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  timeoutMs?: number;
}

const SYSTEM = `Du wertest deutsche Telefonate einer Personalvermittlung aus. Antworte nur mit einem JSON-Objekt nach dem Schema.
Regeln: Setze ein Feld nur, wenn das Gespräch es sagt; sonst null bzw. []. Gehälter als Jahresbrutto in EUR (Monat ×12, ×13/×14 wenn so gesagt).
Netto ist kein Brutto. Ein Betrag, den nur der Recruiter vorschlägt, ist kein Wunsch des Kandidaten, außer er stimmt zu.
Bei Selbstkorrekturen gilt die letzte Aussage. Für jedes gesetzte Feld steht in "evidence" das wörtliche Zitat aus dem Transkript (max. 200 Zeichen).
Datumsangaben dürfen als Wortlaut ("nächsten Dienstag") zurückkommen; sie werden im Code aufgelöst.`;

/**
 * The `openai` and `openai-compatible` extraction providers: chat completions with structured outputs
 * (the record's JSON schema, strict), then the one shared post-processing of src/extraction — the
 * normaliser (dates against the call date, money, periods) and the evidence check (a value whose quote
 * is not in the transcript is dropped and flagged). Malformed output is a transient error: the job is
 * retried, nothing is half-written.
 */
export async function extractWithOpenAi(
  settings: OpenAiExtractionSettings,
  transcript: string,
  callDate: string,
  opts: { signal?: AbortSignal } = {},
): Promise<ExtractionResult> {
  const client = providerClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs ?? 120_000,
  });
  let content: string | null | undefined;
  try {
    const res = await client.chat.completions.create(
      {
        model: settings.model,
        temperature: 0,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'call_extraction', strict: true, schema: callExtractionJsonSchema },
        },
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Gesprächsdatum: ${callDate}\n\nTranskript:\n${transcript}` },
        ],
      },
      opts.signal ? { signal: opts.signal } : {},
    );
    const choice = res.choices?.[0];
    if (choice?.message?.refusal)
      throw new ProviderUnavailable(`Auswertung verweigert: ${choice.message.refusal}`, null, 'EXTRACTION');
    content = choice?.message?.content;
  } catch (err) {
    if (err instanceof ProviderUnavailable) throw err;
    throw providerError(err, 'Auswertungsdienst', 'EXTRACTION');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(content ?? '');
  } catch {
    throw new ProviderUnavailable('Auswertungsdienst lieferte kein gültiges JSON', null, 'EXTRACTION');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ProviderUnavailable('Auswertungsdienst lieferte kein JSON-Objekt', null, 'EXTRACTION');
  try {
    return postProcess(raw, { callDate, transcript });
  } catch (err) {
    throw new ProviderUnavailable(
      `Antwort des Auswertungsdienstes passt nicht zum Schema: ${(err as Error).message}`,
      null,
      'EXTRACTION',
    );
  }
}
