import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import type { CallExtraction } from '../extraction/index.ts';
import { type JobQueue, PermanentJobError, RetryJobLater } from '../jobs/jobQueue.ts';
import { LEGACY_FORWARD_JOB } from '../recordings/noteForwarding.ts';

/**
 * When LEGACY_BACKEND_URL is set, every applied call note is also sent to the old backend, durably:
 * the job is enqueued in the transaction that applies the note (src/recordings/noteForwarding.ts),
 * and retried with backoff until the old backend takes it (5xx, 429, network) or refuses it for good
 * (other 4xx). A candidate call becomes
 * `PATCH {base}/api/candidates/{id}` with the extracted fields; anything else
 * `POST {base}/api/akquise/unassigned-calls`. Header X-API-Key; `Idempotency-Key` names the note.
 */
export function defineLegacyForwarder(queue: JobQueue, db: Kysely<DB>, config: Config) {
  queue.define<{ recordingId: string; reason: string }>({
    type: LEGACY_FORWARD_JOB,
    lane: 'background',
    maxAttempts: 20,
    run: async (job) => {
      if (!config.legacyBackendUrl) return;
      const rec = await db
        .selectFrom('recordings')
        .selectAll()
        .where('id', '=', job.payload.recordingId)
        .executeTakeFirst();
      if (!rec?.extraction_json) return;
      const ex = JSON.parse(rec.extraction_json) as CallExtraction;
      const base = config.legacyBackendUrl.replace(/\/+$/, '');
      const fields = {
        ...ex,
        phoneNumber: rec.remote_number,
        callDate: rec.call_date,
        transcript: rec.transcript,
        recordingId: rec.id,
      };
      const [method, url] =
        rec.record_type === 'candidate' && rec.record_id
          ? ['PATCH', `${base}/api/candidates/${encodeURIComponent(rec.record_id)}`]
          : ['POST', `${base}/api/akquise/unassigned-calls`];
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${rec.id}:${job.payload.reason}`,
            ...(config.legacyBackendApiKey ? { 'x-api-key': config.legacyBackendApiKey } : {}),
          },
          body: JSON.stringify(fields),
          signal: AbortSignal.any([job.signal, AbortSignal.timeout(30_000)]),
        });
      } catch (err) {
        throw new Error(`Altsystem nicht erreichbar: ${(err as Error).message}`);
      }
      await res.arrayBuffer().catch(() => {});
      if (res.ok) return;
      if (res.status === 429) {
        const ra = Number(res.headers.get('retry-after'));
        throw new RetryJobLater('Altsystem bremst (429)', Number.isFinite(ra) && ra > 0 ? ra * 1000 : 30_000);
      }
      if (res.status >= 500 || res.status === 408) throw new Error(`Altsystem antwortet ${res.status}`);
      throw new PermanentJobError(
        `Altsystem lehnt ab (${method} ${new URL(url).pathname}: ${res.status}) — LEGACY_BACKEND_URL und LEGACY_BACKEND_API_KEY prüfen`,
      );
    },
  });
}
