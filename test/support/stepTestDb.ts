import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import type { Recording } from '../../src/db/schema.ts';
import { newRecordingRow } from '../../src/recordings/recordingRow.ts';

/** A migrated SQLite database in a temp dir, for the unit tests of steps that read the database. */
export async function openStepTestDb(): Promise<Database & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-steps-'));
  const database = openDatabase(`sqlite:${join(dir, 'callbridge.db')}`);
  await migrateToLatest(database);
  return Object.assign(database, {
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A recordings row as the intake writes it (owned by `person-1`), with the given columns. */
export function recordingRow(over: Partial<Recording> & { id: string }): Recording {
  return newRecordingRow({ webex_recording_id: `webex-${over.id}`, owner_person_id: 'person-1', ...over });
}
