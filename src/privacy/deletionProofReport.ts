import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A recording whose result is committed should be gone at Webex within this long. */
export const DELETION_OVERDUE_MS = 5 * 60_000;

export interface OverdueRecording {
  id: string;
  committedAt: string;
  status: string;
  lastError: string | null;
}

/**
 * Recordings still at Webex although their result (a note, the inbox, or the decision to delete them
 * unread) was committed longer than `overdueMs` ago: a deletion Webex has not confirmed.
 */
export async function overdueDeletions(
  db: Kysely<DB>,
  opts: {
    overdueMs?: number;
    /** Narrows to the recordings a user may see (src/recordings/recordingScope.ts). */
    scope?: <O>(q: SelectQueryBuilder<DB, 'recordings', O>) => SelectQueryBuilder<DB, 'recordings', O>;
  } = {},
): Promise<OverdueRecording[]> {
  const cutoff = new Date(Date.now() - (opts.overdueMs ?? DELETION_OVERDUE_MS)).toISOString();
  const base = db.selectFrom('recordings');
  const rows = await (opts.scope ? opts.scope(base) : base)
    .select(['id', 'status', 'last_error', 'applied_at', 'privacy_blocked_at'])
    .where('deleted_at_webex', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('applied_at', 'is not', null), eb('applied_at', '<', cutoff)]),
        eb.and([eb('privacy_blocked_at', 'is not', null), eb('privacy_blocked_at', '<', cutoff)]),
      ]),
    )
    .orderBy('created_at')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    committedAt: [r.applied_at, r.privacy_blocked_at].filter((x): x is string => !!x).sort()[0]!,
    status: r.status,
    lastError: r.last_error,
  }));
}

export interface RecordingReport {
  from: string;
  to: string;
  arrived: number;
  transcribed: number;
  deletedUnread: { objection: number; noConsent: number; unknownCaller: number; erased: number };
  deletedAtWebex: number;
  stillAtWebex: number;
  overdue: number;
  /** Erasures (Art. 17) requested in the period. */
  erasures: number;
}

/** Counts for recordings that arrived in [from, to): the proof-of-deletion report. */
export async function recordingReport(db: Kysely<DB>, from: string, to: string): Promise<RecordingReport> {
  const base = db.selectFrom('recordings').where('created_at', '>=', from).where('created_at', '<', to);
  const count = async (q: typeof base) =>
    Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const blocked = await base
    .select(['privacy_block', (eb) => eb.fn.countAll<number>().as('n')])
    .where('privacy_block', 'is not', null)
    .groupBy('privacy_block')
    .execute();
  const by = (k: string) => Number(blocked.find((b) => b.privacy_block === k)?.n ?? 0);
  const transcribed = await db
    .selectFrom('recording_audit as a')
    .innerJoin('recordings as r', 'r.id', 'a.recording_id')
    .select(sql<number>`count(distinct a.recording_id)`.as('n'))
    .where('a.event', '=', 'transcribed')
    .where('r.created_at', '>=', from)
    .where('r.created_at', '<', to)
    .executeTakeFirstOrThrow();
  const overdue = (await overdueDeletions(db)).length;
  const erasures = await db
    .selectFrom('erasures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('requested_at', '>=', from)
    .where('requested_at', '<', to)
    .executeTakeFirstOrThrow();
  return {
    from,
    to,
    arrived: await count(base),
    transcribed: Number(transcribed.n),
    deletedUnread: {
      objection: by('objection'),
      noConsent: by('no_consent'),
      unknownCaller: by('unknown_caller'),
      erased: by('erased'),
    },
    deletedAtWebex: await count(base.where('deleted_at_webex', 'is not', null)),
    stillAtWebex: await count(base.where('deleted_at_webex', 'is', null)),
    overdue,
    erasures: Number(erasures.n),
  };
}
