import type { Command } from 'commander';
import { retryRecording } from '../../recordings/inboxAssigner.ts';
import { STATUS, STEP } from '../../recordings/recordingLabels.ts';
import { AppError } from '../../shared/errors.ts';
import { formatDateTime } from '../../web/format.ts';
import { table, withDatabase } from '../runtime.ts';

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
            .select(['id', 'step', 'status', 'attempts', 'inbox', 'last_error', 'created_at', 'updated_at'])
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
              })),
              ['id', 'schritt', 'status', 'seit', 'versuche', 'eingang', 'empfangen', 'fehler'],
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
    .description('Eine Aufnahme mit Protokoll (ohne Gesprächsinhalt)')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        const r = await db
          .selectFrom('recordings')
          .selectAll()
          .where((eb) => eb.or([eb('id', '=', id), eb('webex_recording_id', '=', id)]))
          .executeTakeFirst();
        if (!r) throw new AppError('not_found', `Aufnahme ${id} nicht gefunden`, { status: 404 });
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
            `Schritt: ${r.step}, Status: ${r.status}, Versuche: ${r.attempts}${r.last_error ? `, Fehler: ${r.last_error}` : ''}`,
            `Zugeordnet: ${r.record_type ? `${r.record_type} ${r.record_id}` : r.inbox ? 'wartet im Eingang „Nicht zugeordnete Anrufe“' : '–'}`,
            `Bei Webex gelöscht: ${r.deleted_at_webex ?? 'noch nicht'}`,
            'Protokoll:',
            ...audit.map((a) => `  ${a.at}  ${a.event}${a.detail ? ` (${a.detail})` : ''}`),
            'Aufträge:',
            ...jobs.map(
              (j) =>
                `  ${j.key ?? j.type}  ${j.status}, Versuche ${j.attempts}${j.status === 'queued' ? `, fällig ${j.run_at}` : ''}${j.last_error ? `, ${j.last_error}` : ''}`,
            ),
          ].join('\n') + '\n',
        );
      });
    });
  rec
    .command('retry <id>')
    .description('Eine gestoppte Aufnahme erneut versuchen (der laufende Dienst übernimmt sie)')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        await retryRecording(db, id);
        process.stdout.write('Wieder eingereiht; der Dienst macht beim aktuellen Schritt weiter.\n');
      });
    });
}
