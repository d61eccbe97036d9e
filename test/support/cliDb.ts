import { type Database, openDatabase } from '../../src/db/database.ts';

/** Opens the database a CLI process wrote to, to look at the result. */
export const openTestDb = (url: string): Database => openDatabase(url, { poolSize: 1 });
export const closeDb = (db: Database) => db.close();
