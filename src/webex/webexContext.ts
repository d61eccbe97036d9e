import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import type { SecretBox } from './secretBox.ts';

/** What the Webex domain needs from the running service. */
export interface WebexDeps {
  db: Kysely<DB>;
  box: SecretBox;
  config: Config;
  log: Logger;
}
