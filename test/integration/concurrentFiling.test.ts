import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyExtraction } from '../../src/extraction/index.ts';
import { moveAssignment } from '../../src/recordings/assignmentMover.ts';
import { assignFromInbox } from '../../src/recordings/inboxAssigner.ts';
import { decideSuggestion } from '../../src/recordings/suggestionDecider.ts';
import { setTaskDone } from '../../src/tasks/taskCompleter.ts';
import { storeCandidate } from '../support/records.ts';
import { recordingRow } from '../support/stepTestDb.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

const by = { userId: 'u1', name: 'Milad' };

/**
 * Two people (or one double click) file the same call at once: on PostgreSQL both transactions read
 * the call as waiting, so both applied its note. Exactly one may win; the other gets a 409.
 */
describe('filing one call twice at the same moment', () => {
  let db: MigratedTestDb;

  beforeAll(async () => {
    db = await openMigratedTestDb();
  });
  afterAll(() => db?.dispose());

  const extraction = JSON.stringify({ ...emptyExtraction('candidate'), summary: 'Gespräch' });
  const notesOf = (recordingId: string) =>
    db.db
      .selectFrom('timeline_entries')
      .select(['record_id'])
      .where('recording_id', '=', recordingId)
      .execute();

  /** A processed call waiting in "Nicht zugeordnet" for someone to file it. */
  const waitingInInbox = (id: string) =>
    db.db
      .insertInto('recordings')
      .values(
        recordingRow({
          id,
          step: 'delete',
          status: 'pending',
          inbox: 1,
          applied_at: new Date().toISOString(),
          extraction_json: extraction,
        }),
      )
      .execute();

  it('assigns an inbox call once when two assignments race', async () => {
    const a = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Ahrens' });
    const b = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Brandt' });
    for (let i = 0; i < 8; i++) {
      const id = `inbox-${i}`;
      await waitingInInbox(id);
      const results = await Promise.allSettled([
        assignFromInbox(db.db, id, { type: 'candidate', id: a.id }, undefined, by),
        assignFromInbox(db.db, id, { type: 'candidate', id: b.id }, undefined, by),
      ]);
      expect(
        results.filter((r) => r.status === 'fulfilled'),
        id,
      ).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as { code?: string }).code, id).toBe('not_in_inbox');
      expect(await notesOf(id), id).toHaveLength(1);
    }
  });

  it('moves a call once when two moves race', async () => {
    const from = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Clausen' });
    const x = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Dietz' });
    const y = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Eggers' });
    for (let i = 0; i < 8; i++) {
      const id = `moved-${i}`;
      await waitingInInbox(id);
      await assignFromInbox(db.db, id, { type: 'candidate', id: from.id }, undefined, by);
      const results = await Promise.allSettled([
        moveAssignment(db.db, id, { type: 'candidate', id: x.id }, by),
        moveAssignment(db.db, id, { type: 'candidate', id: y.id }, by),
      ]);
      const notes = await notesOf(id);
      expect(notes, id).toHaveLength(1);
      const rec = await db.db
        .selectFrom('recordings')
        .select('record_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      // The note is where the recording says it is.
      expect(notes[0]?.record_id, id).toBe(rec.record_id);
      expect(results.filter((r) => r.status === 'fulfilled').length, id).toBeGreaterThanOrEqual(1);
    }
  });

  it('decides a suggestion once when accept and reject (or two accepts) race', async () => {
    const c = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Fuchs' });
    for (let i = 0; i < 8; i++) {
      const id = `suggestion-${i}`;
      await db.db
        .insertInto('suggestions')
        .values({
          id,
          candidate_id: c.id,
          recording_id: null,
          field: 'current_position',
          current_value: 'Elektriker',
          suggested_value: `Meister ${i}`,
          evidence: null,
          status: 'open',
          created_at: new Date().toISOString(),
        })
        .execute();
      const results = await Promise.allSettled([
        decideSuggestion(db.db, id, true, by),
        decideSuggestion(db.db, id, i % 2 === 0, by),
      ]);
      expect(
        results.filter((r) => r.status === 'fulfilled'),
        id,
      ).toHaveLength(1);
      const events = await db.db
        .selectFrom('record_events')
        .select('id')
        .where('record_id', '=', c.id)
        .where('text', 'like', `%Meister ${i}%`)
        .execute();
      expect(events, id).toHaveLength(1);
      const s = await db.db
        .selectFrom('suggestions')
        .select(['status', 'replaced_value'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      // 'Rückgängig' must put back what the field held before, never the suggestion itself.
      if (s.status === 'accepted') expect(s.replaced_value, id).not.toBe(`Meister ${i}`);
    }
  });

  it('marks a task done once when two clicks race', async () => {
    const c = await storeCandidate(db.db, { firstName: 'Test', lastName: 'Grote' });
    for (let i = 0; i < 8; i++) {
      const id = `task-${i}`;
      await db.db
        .insertInto('tasks')
        .values({
          id,
          record_type: 'candidate',
          record_id: c.id,
          recording_id: null,
          due_date: '2026-12-08',
          title: `Rückruf ${i}`,
          created_at: new Date().toISOString(),
          done_at: null,
        })
        .execute();
      const results = await Promise.allSettled([
        setTaskDone(db.db, id, true, by),
        setTaskDone(db.db, id, true, by),
      ]);
      expect(
        results.filter((r) => r.status === 'fulfilled'),
        id,
      ).toHaveLength(1);
      const events = await db.db
        .selectFrom('record_events')
        .select('id')
        .where('record_id', '=', c.id)
        .where('text', 'like', `%Rückruf ${i} %`)
        .execute();
      expect(events, id).toHaveLength(1);
    }
  });
});
