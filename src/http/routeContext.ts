import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { EventBus } from '../live/eventBus.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * What a route module of http/ or web/ is given. Declared here, where it is used, so neither layer
 * imports app/; app/start.ts builds the value (its AppContext satisfies this). Domain route modules
 * declare narrower parameters of their own.
 */
export interface RouteContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  log: Logger;
  bus: EventBus;
  phoneRules: PhoneRules;
}
