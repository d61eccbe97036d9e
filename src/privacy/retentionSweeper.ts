import { type Kysely, sql } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { pruneLiveEvents } from '../live/liveEventStore.ts';
import { DELIVERY_RETENTION } from '../webhooks/deliveryBodyPruner.ts';
import { enforceTranscriptRetention } from './transcriptRetention.ts';

const DAY = 86_400_000;
const HOUR = 3600_000;

/** One kind of stored data, how long it is kept, and its oldest item still there. */
export interface RetentionPeriod {
  key: 'transcripts' | 'webhookBodies' | 'liveEvents' | 'unmatchedCalls' | 'inbox' | 'audit';
  label: string;
  setting: string;
  /** Human period, e.g. "90 Tage". */
  period: string;
  ms: number;
  oldestKept: string | null;
}

type RetentionConfig = Pick<
  Config,
  | 'transcriptRetentionDays'
  | 'webhookBodyRetentionHours'
  | 'liveEventRetentionHours'
  | 'unmatchedCallRetentionDays'
  | 'inboxRetentionDays'
  | 'auditRetentionDays'
>;

/** A period in days or hours: as a person reads it, and in milliseconds. */
const inDays = (n: number) => ({ period: n === 1 ? '1 Tag' : `${n} Tage`, ms: n * DAY });
const inHours = (n: number) => ({ period: n === 1 ? '1 Stunde' : `${n} Stunden`, ms: n * HOUR });

/** Calls whose number never became a lead or candidate (and that were not tied to one). */
const unmatchedCalls = (db: Kysely<DB>) =>
  db
    .selectFrom('calls as c')
    .where('c.matched_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('phone_numbers as p')
            .select(sql`1`.as('x'))
            .whereRef('p.e164', '=', 'c.remote_number'),
        ),
      ),
    );

const unassignedInbox = (db: Kysely<DB>) =>
  db.selectFrom('recordings').where('inbox', '=', 1).where('applied_at', 'is not', null);
/** "Verworfen" from the inbox, with content still stored. */
const discardedInbox = (db: Kysely<DB>) =>
  db
    .selectFrom('recordings')
    .where('inbox', '=', 0)
    .where('discarded_at', 'is not', null)
    .where((eb) => eb.or([eb('transcript', 'is not', null), eb('details_json', 'is not', null)]));

async function oldest(q: Promise<{ at: string | null } | undefined>): Promise<string | null> {
  return (await q)?.at ?? null;
}

/** Every retention period with its setting and the oldest item kept (for doctor and docs). */
export async function retentionOverview(db: Kysely<DB>, config: RetentionConfig): Promise<RetentionPeriod[]> {
  const min = <T extends string>(col: T) => sql<string | null>`min(${sql.ref(col)})`.as('at');
  return [
    {
      key: 'transcripts',
      label: 'Transkripte',
      setting: 'TRANSCRIPT_RETENTION_DAYS',
      ...inDays(config.transcriptRetentionDays),
      oldestKept: await oldest(
        db
          .selectFrom('timeline_entries')
          .select(min('created_at'))
          .where('transcript', 'is not', null)
          .executeTakeFirst(),
      ),
    },
    {
      key: 'webhookBodies',
      label: 'Rohdaten der Webex-Meldungen',
      setting: DELIVERY_RETENTION.bodyHoursSetting,
      ...inHours(config.webhookBodyRetentionHours),
      oldestKept: await oldest(
        db
          .selectFrom('webhook_deliveries')
          .select(min('received_at'))
          .where('body', '<>', '')
          .executeTakeFirst(),
      ),
    },
    {
      key: 'liveEvents',
      label: 'Live-Ereignisse (Pop-ups)',
      setting: 'LIVE_EVENT_RETENTION_HOURS',
      ...inHours(config.liveEventRetentionHours),
      oldestKept: await oldest(db.selectFrom('live_events').select(min('created_at')).executeTakeFirst()),
    },
    {
      key: 'unmatchedCalls',
      label: 'Anrufe von Nummern ohne Lead/Kandidat',
      setting: 'UNMATCHED_CALL_RETENTION_DAYS',
      ...inDays(config.unmatchedCallRetentionDays),
      oldestKept: await oldest(unmatchedCalls(db).select(min('c.started_at')).executeTakeFirst()),
    },
    {
      key: 'inbox',
      label: 'Nicht zugeordnete Aufnahmen',
      setting: 'INBOX_RETENTION_DAYS',
      ...inDays(config.inboxRetentionDays),
      oldestKept: await oldest(unassignedInbox(db).select(min('applied_at')).executeTakeFirst()),
    },
    {
      key: 'audit',
      label: 'Protokoll der Aufnahmen',
      setting: 'AUDIT_RETENTION_DAYS',
      ...inDays(config.auditRetentionDays),
      oldestKept: await oldest(db.selectFrom('recording_audit').select(min('at')).executeTakeFirst()),
    },
  ];
}

export interface SweepResult {
  transcripts: number;
  liveEvents: number;
  unmatchedCalls: number;
  inbox: number;
  audit: number;
}

/**
 * The daily retention job (Art. 5 (1) e DSGVO): removes what is older than its period. Raw webhook
 * bodies have their own hourly pruner (src/webhooks/deliveryBodyPruner.ts).
 */
export async function sweepRetention(
  db: Kysely<DB>,
  config: RetentionConfig,
  now = Date.now(),
): Promise<SweepResult> {
  const cutoff = (ms: number) => new Date(now - ms).toISOString();
  const transcripts = await enforceTranscriptRetention(db, config.transcriptRetentionDays);
  const liveEvents = await pruneLiveEvents(db, config.liveEventRetentionHours);

  const callCutoff = cutoff(config.unmatchedCallRetentionDays * DAY);
  const unmatched = await db.transaction().execute(async (trx) => {
    const ids = (
      await unmatchedCalls(trx).select('c.id').where('c.started_at', '<', callCutoff).execute()
    ).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      await trx
        .deleteFrom('consent_events')
        .where('call_id', 'in', part)
        .where('record_id', 'is', null)
        .execute();
      await trx.deleteFrom('call_note_drafts').where('call_id', 'in', part).execute();
      await trx.deleteFrom('call_dismissals').where('call_id', 'in', part).execute();
      await trx.deleteFrom('calls').where('id', 'in', part).execute();
    }
    return ids.length;
  });

  const inboxCutoff = cutoff(config.inboxRetentionDays * DAY);
  const stamp = new Date(now).toISOString();
  const inbox = await db.transaction().execute(async (trx) => {
    const ids = [
      ...(await unassignedInbox(trx).select('id').where('applied_at', '<', inboxCutoff).execute()),
      ...(await discardedInbox(trx).select('id').where('discarded_at', '<', inboxCutoff).execute()),
    ].map((r) => r.id);
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      await trx
        .updateTable('recordings')
        .set({
          inbox: 0,
          transcript: null,
          extraction_json: null,
          flags_json: null,
          details_json: null,
          remote_number: null,
          updated_at: stamp,
        })
        .where('id', 'in', part)
        .execute();
      await trx
        .insertInto('recording_audit')
        .values(part.map((id) => ({ recording_id: id, at: stamp, event: 'inbox_expired', detail: null })))
        .execute();
    }
    return ids.length;
  });

  const audit = Number(
    (
      await db
        .deleteFrom('recording_audit')
        .where('at', '<', cutoff(config.auditRetentionDays * DAY))
        .executeTakeFirst()
    ).numDeletedRows,
  );
  return { transcripts, liveEvents, unmatchedCalls: unmatched, inbox, audit };
}
