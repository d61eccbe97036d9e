import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { EventBus } from '../live/eventBus.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import type { Logger } from '../shared/logger.ts';

/** What the running service is made of, built once in app/start.ts and passed to routes and jobs. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  log: Logger;
  bus: EventBus;
  phoneRules: PhoneRules;
}
