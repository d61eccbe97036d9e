import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import type { Recording } from '../../src/db/schema.ts';

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

/** A recordings row as the intake writes it, with the given columns. */
export function recordingRow(over: Partial<Recording> & { id: string }): Recording {
  const now = new Date().toISOString();
  return {
    webex_recording_id: `webex-${over.id}`,
    owner_person_id: 'person-1',
    step: 'details',
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    details_json: null,
    audio_path: null,
    transcript: null,
    extraction_json: null,
    flags_json: null,
    call_date: null,
    remote_number: null,
    record_type: null,
    record_id: null,
    inbox: 0,
    created_at: now,
    updated_at: now,
    applied_at: null,
    deleted_at_webex: null,
    done_at: null,
    discarded_at: null,
    discarded_by: null,
    privacy_block: null,
    privacy_blocked_at: null,
    deletion_confirmation: null,
    ...over,
  };
}
