import { ConfigError } from './errors.ts';

/** Where a server was asked to listen, and the settings (variable or option) that said so. */
export interface ListenTarget {
  host: string;
  port: number;
  hostSetting: string;
  portSetting: string;
}

const LISTEN_CODES = new Set([
  'EADDRINUSE',
  'EACCES',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'ERR_SOCKET_BAD_PORT',
]);

/**
 * Turns the error of `listen()` into what the operator has to change (port taken, address not on this
 * machine, port needs privileges); null for anything else. A setting to change, so the CLI exits with 2.
 */
export function listenProblem(err: unknown, at: ListenTarget): ConfigError | null {
  const code = listenFailureOf(err)?.code;
  if (!code) return null;
  const problem = describe(code, at);
  // Kept, so a caller that knows the settings better (the demo's two ports) can say it again.
  problem.cause = err instanceof ConfigError && err.cause ? err.cause : err;
  return problem;
}

/** The error `listen()` failed with, also when listenProblem already turned it into a ConfigError. */
export function listenFailureOf(err: unknown): { code: string; port?: number } | null {
  const raw = (err instanceof ConfigError && err.cause ? err.cause : err) as {
    code?: unknown;
    port?: unknown;
  };
  if (typeof raw?.code !== 'string' || !LISTEN_CODES.has(raw.code)) return null;
  return { code: raw.code, ...(typeof raw.port === 'number' ? { port: raw.port } : {}) };
}

function describe(code: string, at: ListenTarget): ConfigError {
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(
        `Port ${at.port} auf ${at.host} ist schon belegt`,
        `Einen freien Port wählen (${at.portSetting}) oder das Programm beenden, das ihn belegt (\`ss -ltnp 'sport = :${at.port}'\` zeigt es). Läuft CallBridge schon?`,
        undefined,
        'port_in_use',
      );
    case 'EACCES':
      return new ConfigError(
        `Port ${at.port} darf dieser Benutzer nicht öffnen`,
        `Einen Port ab 1024 wählen (${at.portSetting}) und davor einen Reverse-Proxy auf 80/443 setzen.`,
        undefined,
        'port_forbidden',
      );
    case 'ERR_SOCKET_BAD_PORT':
      return new ConfigError(
        `${at.portSetting}: ${at.port} ist kein gültiger Port`,
        'Eine ganze Zahl von 0 bis 65535 angeben.',
        undefined,
        'port_invalid',
      );
    default:
      return new ConfigError(
        `Adresse ${at.host} gibt es auf diesem Rechner nicht (${code})`,
        `${at.hostSetting} auf eine Adresse dieses Rechners setzen, z. B. 127.0.0.1 (nur lokal) oder 0.0.0.0 (alle Netzwerke).`,
        undefined,
        'host_invalid',
      );
  }
}
