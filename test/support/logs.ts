import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/shared/logger.ts';

/** CallBridge's logger at `level`, writing each line into `lines` instead of stdout, for tests that read the log. */
export function loggerInto(lines: string[], level: 'debug' | 'info'): Logger {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return createLogger({ level, destination: sink });
}
