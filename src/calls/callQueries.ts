import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Viewer } from '../auth/requestUser.ts';
import type { Call, DB } from '../db/schema.ts';
import { EVERYONE_ACTOR } from './callAudience.ts';
import { type CallView, describeCall } from './callView.ts';

const ACTIVE_WINDOW_MS = 2 * 3600_000;

/** Calls that ring or are in progress now, for the pop-up on a freshly opened page. */
export async function activeCallsFor(db: Kysely<DB>, viewer: Viewer): Promise<CallView[]> {
  const since = new Date(Date.now() - ACTIVE_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('calls')
    .selectAll()
    .where('state', 'in', ['ringing', 'connected', 'held'])
    .where('started_at', '>', since)
    .$if(!viewer.isAdmin, (q) => q.where((eb) => visibleCallsOf(eb, viewer)))
    .orderBy('started_at')
    .limit(20)
    .execute();
  return views(db, rows, { alternatives: true });
}

/** A recruiter sees the calls on their own line and those reported without a line (compatibility endpoint). */
export function visibleCallsOf(eb: ExpressionBuilder<DB, 'calls'>, viewer: Viewer) {
  return eb.or([
    eb('user_id', '=', viewer.id),
    eb.and([eb('user_id', 'is', null), eb('actor_person_id', '=', EVERYONE_ACTOR)]),
  ]);
}

async function views(
  db: Kysely<DB>,
  rows: Call[],
  opts: { alternatives?: boolean } = {},
): Promise<CallView[]> {
  const out: CallView[] = [];
  for (const r of rows) out.push(await describeCall(db, r, opts));
  return out;
}

export interface CallFilter {
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  unmatchedOnly?: boolean | undefined;
  number?: string | undefined;
  matched?: { type: 'lead' | 'candidate'; id: string } | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function listCalls(
  db: Kysely<DB>,
  viewer: Viewer,
  f: CallFilter,
): Promise<{ items: CallView[]; total: number }> {
  let q = db.selectFrom('calls');
  if (!viewer.isAdmin) {
    q = q.where((eb) => visibleCallsOf(eb, viewer));
  } else if (f.userId) {
    q = q.where('user_id', '=', f.userId);
  }
  if (f.from) q = q.where('started_at', '>=', f.from);
  if (f.to) q = q.where('started_at', '<', f.to);
  if (f.unmatchedOnly) q = q.where('matched_id', 'is', null);
  if (f.number) q = q.where('remote_number', '=', f.number);
  if (f.matched) q = q.where('matched_type', '=', f.matched.type).where('matched_id', '=', f.matched.id);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await views(db, rows, { alternatives: false }), total: Number(count.n) };
}

/** One call as the viewer may see it, or null when it does not exist or is not theirs to see. */
export async function getCallFor(
  db: Kysely<DB>,
  viewer: Viewer,
  id: string,
): Promise<(CallView & { notes: string | null }) | null> {
  const row = await db
    .selectFrom('calls')
    .selectAll()
    .where('id', '=', id)
    .$if(!viewer.isAdmin, (q) => q.where((eb) => visibleCallsOf(eb, viewer)))
    .executeTakeFirst();
  if (!row) return null;
  return { ...(await describeCall(db, row)), notes: row.notes };
}
