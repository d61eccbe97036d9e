import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { EventBus } from '../live/eventBus.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * What the running service is made of, built once in app/start.ts. It stays in app/: each route
 * plugin, job and domain operation is handed only the parts (and settings) it uses.
 */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  log: Logger;
  bus: EventBus;
  phoneRules: PhoneRules;
}
