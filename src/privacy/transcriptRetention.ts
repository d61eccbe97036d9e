import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Removes transcripts older than the retention period; summaries and extracted fields stay. */
export async function enforceTranscriptRetention(db: Kysely<DB>, days: number | undefined): Promise<number> {
  if (days === undefined) return 0;
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  const [a, b] = await db
    .transaction()
    .execute(async (trx) => [
      await trx
        .updateTable('recordings')
        .set({ transcript: null })
        .where('created_at', '<', cutoff)
        .where('transcript', 'is not', null)
        .executeTakeFirst(),
      await trx
        .updateTable('timeline_entries')
        .set({ transcript: null })
        .where('created_at', '<', cutoff)
        .where('transcript', 'is not', null)
        .executeTakeFirst(),
    ]);
  return Number(a.numUpdatedRows) + Number(b.numUpdatedRows);
}
