import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { retentionOverview, sweepRetention } from '../../src/privacy/retentionSweeper.ts';
import { newRecordingRow } from '../../src/recordings/recordingRow.ts';
import { storeCandidate } from '../support/records.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

const MIN = 60_000;
const DAY = 86_400_000;

/** Each retention period removes exactly what is older than it, with the defaults. */
describe('retention for everything', () => {
  let d: MigratedTestDb;
  const config = loadConfig({ env: {} });
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  const call = (id: string, started: string, number: string | null, matched: string | null = null) =>
    d.db
      .insertInto('calls')
      .values({
        id,
        webex_call_id: `w-${id}`,
        actor_person_id: 'p',
        call_session_id: null,
        user_id: null,
        direction: 'incoming',
        state: 'ended',
        remote_number: number,
        remote_name: null,
        remote_call_type: null,
        matched_type: matched ? 'candidate' : null,
        matched_id: matched,
        record_confirmed: matched ? 1 : 0,
        started_at: started,
        answered_at: null,
        ended_at: started,
        last_event_at: started,
        notes: null,
        created_at: started,
        updated_at: started,
      })
      .execute();
  const recording = (id: string, applied: string, inbox: number) =>
    d.db
      .insertInto('recordings')
      .values(
        newRecordingRow(
          {
            id,
            webex_recording_id: `w-${id}`,
            owner_person_id: 'p',
            step: 'done',
            status: 'done',
            details_json: '{}',
            transcript: 'Hallo …',
            extraction_json: '{}',
            flags_json: '[]',
            call_date: applied.slice(0, 10),
            remote_number: '+4930999000',
            inbox,
            applied_at: applied,
            deleted_at_webex: applied,
            done_at: applied,
          },
          applied,
        ),
      )
      .execute();

  beforeAll(async () => {
    d = await openMigratedTestDb();
    const cand = await storeCandidate(d.db, { firstName: 'K', lastName: 'Bekannt', phones: ['030 5550001'] });
    const t = config.transcriptRetentionDays * DAY;
    for (const [id, created] of [
      ['t-old', ago(t + MIN)],
      ['t-new', ago(t - MIN)],
    ] as const)
      await d.db
        .insertInto('timeline_entries')
        .values({
          id,
          record_type: 'candidate',
          record_id: cand.id,
          recording_id: null,
          call_id: null,
          summary: 's',
          next_steps: '[]',
          transcript: 'Hallo …',
          created_at: created,
        })
        .execute();
    const l = config.liveEventRetentionHours * 3600_000;
    for (const [seq, created] of [
      [1, ago(l + MIN)],
      [2, ago(l - MIN)],
    ] as const)
      await d.db
        .insertInto('live_events')
        .values({ seq, user_id: null, type: 'call', payload: '{}', created_at: created })
        .execute();
    const c = config.unmatchedCallRetentionDays * DAY;
    await call('c-old', ago(c + MIN), '+4930999000');
    await call('c-new', ago(c - MIN), '+4930999000');
    await call('c-withheld', ago(c + MIN), null);
    await call('c-known-number', ago(c + MIN), '+49305550001');
    await call('c-matched', ago(c + MIN), '+4930777000', cand.id);
    await d.db
      .insertInto('consent_events')
      .values({
        id: 'on-old-call',
        record_type: null,
        record_id: null,
        call_id: 'c-old',
        kind: 'objection',
        channel: 'telefon',
        note: null,
        by_user_id: null,
        at: ago(c + MIN),
      })
      .execute();
    const i = config.inboxRetentionDays * DAY;
    await recording('r-old', ago(i + MIN), 1);
    await recording('r-new', ago(i - MIN), 1);
    await recording('r-assigned', ago(i + MIN), 0);
    // "Verworfen" long ago, and just now (still within the undo window).
    await recording('r-discarded-old', ago(i + MIN), 0);
    await recording('r-discarded-new', ago(i + MIN), 0);
    await d.db
      .updateTable('recordings')
      .set({ discarded_at: ago(i + MIN) })
      .where('id', '=', 'r-discarded-old')
      .execute();
    await d.db
      .updateTable('recordings')
      .set({ discarded_at: ago(i - MIN) })
      .where('id', '=', 'r-discarded-new')
      .execute();
    const a = config.auditRetentionDays * DAY;
    for (const at of [ago(a + MIN), ago(a - MIN)])
      await d.db
        .insertInto('recording_audit')
        .values({ recording_id: 'r-new', at, event: 'x', detail: null })
        .execute();
  });
  afterAll(() => d?.dispose());

  it('has a sensible default for every kind', () => {
    expect(config).toMatchObject({
      transcriptRetentionDays: 180,
      webhookBodyRetentionHours: 72,
      liveEventRetentionHours: 24,
      unmatchedCallRetentionDays: 90,
      inboxRetentionDays: 30,
      auditRetentionDays: 365,
    });
  });

  it('removes exactly what is older than each period, and doctor sees the oldest item kept', async () => {
    const r = await sweepRetention(d.db, config);
    // The transcript of the recording rows counts too: r-old/r-new/r-assigned are younger than 180 days.
    expect(r).toEqual({ transcripts: 1, liveEvents: 1, unmatchedCalls: 2, inbox: 2, audit: 1 });
    const ids = async (table: 'calls' | 'live_events') =>
      (await d.db.selectFrom(table).select('id').execute()).map((x) => String(x.id)).sort();
    expect(await ids('calls')).toEqual(['c-known-number', 'c-matched', 'c-new']);
    expect((await d.db.selectFrom('live_events').select('seq').execute()).map((e) => e.seq)).toEqual([2]);
    expect(await d.db.selectFrom('consent_events').select('id').execute()).toEqual([]);
    const recs = await d.db
      .selectFrom('recordings')
      .select(['id', 'inbox', 'transcript'])
      .orderBy('id')
      .execute();
    expect(recs).toEqual([
      { id: 'r-assigned', inbox: 0, transcript: 'Hallo …' },
      { id: 'r-discarded-new', inbox: 0, transcript: 'Hallo …' },
      { id: 'r-discarded-old', inbox: 0, transcript: null },
      { id: 'r-new', inbox: 1, transcript: 'Hallo …' },
      { id: 'r-old', inbox: 0, transcript: null },
    ]);
    const notes = await d.db
      .selectFrom('timeline_entries')
      .select(['id', 'transcript'])
      .orderBy('id')
      .execute();
    expect(notes).toEqual([
      { id: 't-new', transcript: 'Hallo …' },
      { id: 't-old', transcript: null },
    ]);
    const audit = await d.db.selectFrom('recording_audit').select(['event']).execute();
    expect(audit.map((x) => x.event).sort()).toEqual(['inbox_expired', 'inbox_expired', 'x']);

    const overview = await retentionOverview(d.db, config);
    expect(overview.map((p) => p.setting)).toEqual([
      'TRANSCRIPT_RETENTION_DAYS',
      'WEBHOOK_BODY_RETENTION_HOURS',
      'LIVE_EVENT_RETENTION_HOURS',
      'UNMATCHED_CALL_RETENTION_DAYS',
      'INBOX_RETENTION_DAYS',
      'AUDIT_RETENTION_DAYS',
    ]);
    for (const p of overview)
      if (p.oldestKept) expect(Date.now() - Date.parse(p.oldestKept), p.key).toBeLessThanOrEqual(p.ms);
    expect(overview.find((p) => p.key === 'unmatchedCalls')!.oldestKept).not.toBeNull();
    // A second run finds nothing more.
    expect(await sweepRetention(d.db, config)).toEqual({
      transcripts: 0,
      liveEvents: 0,
      unmatchedCalls: 0,
      inbox: 0,
      audit: 0,
    });
  });
});
