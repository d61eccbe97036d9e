import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { BLOCK_LABELS } from '../../privacy/recordingConsentGate.ts';
import { retryRecording } from '../../recordings/inboxAssigner.ts';
import { AUDIT_EVENT, JOB_STATUS, STATUS, STEP } from '../../recordings/recordingLabels.ts';
import { AppError } from '../../shared/errors.ts';
import { startsWith } from '../../shared/likePattern.ts';
import { formatDateTime, formatTimestamp } from '../../web/format.ts';
import { table, withDatabase } from '../runtime.ts';

const MIN_PREFIX = 4;

/**
 * A recording by its id, its Webex id, or a unique beginning of either (the list shows full ids; a
 * person types the first few characters). Several matches: German error naming them.
 */
async function findRecording(db: Kysely<DB>, id: string) {
  const exact = await db
    .selectFrom('recordings')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('webex_recording_id', '=', id)]))
    .executeTakeFirst();
  if (exact) return exact;
  const notFound = new AppError('not_found', `Aufnahme ${id} nicht gefunden`, {
    status: 404,
    hint: '`callbridge recordings list` zeigt die IDs.',
  });
  if (id.length < MIN_PREFIX) throw notFound;
  const matches = await db
    .selectFrom('recordings')
    .selectAll()
    .where((eb) => eb.or([startsWith('id', id), startsWith('webex_recording_id', id)]))
    .limit(6)
    .execute();
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw notFound;
  throw new AppError(
    'ambiguous_id',
    `„${id}“ passt auf mehrere Aufnahmen: ${matches
      .slice(0, 5)
      .map((m) => m.id)
      .join(', ')}${matches.length > 5 ? ' …' : ''}`,
    { status: 409, hint: 'Mehr Zeichen der ID angeben.' },
  );
}

export function registerRecordings(program: Command) {
  const rec = program
    .command('recordings')
    .description('Aufnahmen-Pipeline: Stand, Details, erneut versuchen');
  rec
    .command('list')
    .description('Die letzten Aufnahmen mit Schritt, Status, Versuchen und letztem Fehler')
    .option('--failed', 'nur gestoppte')
    .option('--follow', 'alle 2 s neu ausgeben, bis nichts mehr läuft (Fortschritt langer Arbeit)')
    .action(async (o: { failed?: boolean; follow?: boolean }) => {
      await withDatabase(async ({ db }) => {
        for (;;) {
          const rows = await db
            .selectFrom('recordings')
            .select([
              'id',
              'step',
              'status',
              'attempts',
              'inbox',
              'last_error',
              'created_at',
              'updated_at',
              'privacy_block',
            ])
            .$if(Boolean(o.failed), (q) => q.where('status', '=', 'failed'))
            .orderBy('created_at', 'desc')
            .limit(50)
            .execute();
          const now = Date.now();
          process.stdout.write(
            `${table(
              rows.map((r) => ({
                id: r.id,
                schritt: STEP[r.step] ?? r.step,
                status: STATUS[r.status] ?? r.status,
                seit: r.status === 'done' ? '' : `${Math.round((now - Date.parse(r.updated_at)) / 1000)} s`,
                versuche: r.status === 'done' ? '' : r.attempts,
                eingang: r.inbox ? 'ja' : '',
                empfangen: formatDateTime(r.created_at),
                fehler: r.last_error ?? '',
                datenschutz: r.privacy_block ? BLOCK_LABELS[r.privacy_block] : '',
              })),
              [
                'id',
                'schritt',
                'status',
                'seit',
                'versuche',
                'eingang',
                'empfangen',
                'fehler',
                'datenschutz',
              ],
            )}\n`,
          );
          const busy = rows.filter((r) => r.status === 'running' || r.status === 'pending').length;
          if (!o.follow || busy === 0) break;
          process.stdout.write(`… ${busy} in Arbeit\n\n`);
          await new Promise((r) => setTimeout(r, 2000));
        }
      });
    });
  rec
    .command('show <id>')
    .description('Eine Aufnahme mit Protokoll (ohne Gesprächsinhalt); ein eindeutiger Anfang der ID genügt')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        const r = await findRecording(db, id);
        const audit = await db
          .selectFrom('recording_audit')
          .selectAll()
          .where('recording_id', '=', r.id)
          .orderBy('id')
          .execute();
        const jobs = await db
          .selectFrom('jobs')
          .select(['type', 'key', 'status', 'attempts', 'run_at', 'last_error'])
          .where((eb) =>
            eb.or([eb('key', 'like', `recording:${r.id}:%`), eb('key', 'like', `legacy:${r.id}:%`)]),
          )
          .orderBy('created_at')
          .execute();
        process.stdout.write(
          [
            `Aufnahme ${r.id} (Webex ${r.webex_recording_id})`,
            `Schritt: ${STEP[r.step] ?? r.step}, Status: ${STATUS[r.status] ?? r.status}, Versuche: ${r.attempts}${r.last_error ? `, Fehler: ${r.last_error}` : ''}`,
            `Zugeordnet: ${r.record_type ? `${r.record_type === 'lead' ? 'Lead' : 'Kandidat'} ${r.record_id}` : r.inbox ? 'wartet im Eingang „Nicht zugeordnete Anrufe“' : '–'}`,
            `Bei Webex gelöscht: ${r.deleted_at_webex ? `${formatTimestamp(r.deleted_at_webex)}${r.deletion_confirmation ? ` (${r.deletion_confirmation})` : ''}` : 'noch nicht'}`,
            ...(r.privacy_block ? [`Datenschutz: ${BLOCK_LABELS[r.privacy_block]}`] : []),
            'Protokoll:',
            ...audit.map(
              (a) =>
                `  ${formatTimestamp(a.at)}  ${AUDIT_EVENT[a.event] ?? a.event}${a.detail ? ` (${a.detail})` : ''}`,
            ),
            'Aufträge:',
            ...jobs.map(
              (j) =>
                `  ${j.key ?? j.type}  ${JOB_STATUS[j.status] ?? j.status}, Versuche ${j.attempts}${j.status === 'queued' ? `, fällig ${formatTimestamp(j.run_at)}` : ''}${j.last_error ? `, ${j.last_error}` : ''}`,
            ),
          ].join('\n') + '\n',
        );
      });
    });
  rec
    .command('retry <id>')
    .description(
      'Eine gestoppte Aufnahme erneut versuchen (der laufende Dienst übernimmt sie); ein eindeutiger Anfang der ID genügt',
    )
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        await retryRecording(db, (await findRecording(db, id)).id);
        process.stdout.write('Wieder eingereiht; der Dienst macht beim aktuellen Schritt weiter.\n');
      });
    });
}
