import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { JobQueue } from '../../jobs/jobQueue.ts';
import { normalizePhone } from '../../phone/phoneNumber.ts';
import { recordingReport } from '../../privacy/deletionProofReport.ts';
import {
  definePersonEraser,
  getErasure,
  PERSON_ERASURE_JOB,
  requestErasure,
} from '../../privacy/personEraser.ts';
import { exportPerson } from '../../privacy/personExporter.ts';
import { findTraces, type Subject } from '../../privacy/personTraces.ts';
import { assertRecordExists } from '../../privacy/subjects.ts';
import { recordingStepJobs } from '../../recordings/recordingPipeline.ts';
import { ConfigError } from '../../shared/errors.ts';
import { createLogger } from '../../shared/logger.ts';
import { standaloneExportPage } from '../../web/pages/privacyPages.ts';
import { isCalendarDay } from '../options.ts';
import { withDatabase } from '../runtime.ts';

interface SubjectOptions {
  candidate?: string;
  lead?: string;
  phone?: string;
}

function subjectOf(o: SubjectOptions, rules: { defaultRegion: string; minDigits: number }): Subject {
  const given = [o.candidate, o.lead, o.phone].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new ConfigError(
      'Genau eine Person angeben: --candidate ID, --lead ID oder --phone NUMMER',
      'Die ID steht in der Adresse der Seite des Datensatzes (/kandidaten/ID, /leads/ID).',
      undefined,
      'usage',
    );
  if (o.candidate) return { person: { type: 'candidate', id: o.candidate } };
  if (o.lead) return { person: { type: 'lead', id: o.lead } };
  const n = normalizePhone(o.phone, rules);
  if (n.kind !== 'number')
    throw new ConfigError(
      `„${o.phone}“ ist keine Telefonnummer`,
      'Mit Vorwahl angeben, z. B. 0561 112233.',
      undefined,
      'usage',
    );
  return { phone: n.e164 };
}

const withSubject = (cmd: Command) =>
  cmd
    .option('--candidate <id>', 'ein Kandidat')
    .option('--lead <id>', 'ein Lead (sein Ansprechpartner)')
    .option('--phone <nummer>', 'alles zu einer Telefonnummer (und den Datensätzen mit dieser Nummer)');

export function registerPrivacy(program: Command) {
  const privacy = program
    .command('privacy')
    .description('Datenschutz (DSGVO): Auskunft, Löschung, Bericht über gelöschte Aufnahmen');

  withSubject(
    privacy
      .command('export')
      .description('Auskunft nach Art. 15: alles, was zu einer Person gespeichert ist, als JSON (und HTML)'),
  )
    .option('--out <datei>', 'JSON in diese Datei statt auf die Standardausgabe')
    .option('--html <datei>', 'dasselbe zusätzlich als lesbare deutsche HTML-Seite')
    .action(async (o: SubjectOptions & { out?: string; html?: string }) => {
      await withDatabase(async ({ db }, config) => {
        const subject = subjectOf(o, {
          defaultRegion: config.defaultRegion,
          minDigits: config.minNumberDigits,
        });
        if ('person' in subject) await assertRecordExists(db, subject.person);
        const data = await exportPerson(db, subject);
        const json = `${JSON.stringify(data, null, 2)}\n`;
        if (o.out) await writeFile(o.out, json, { mode: 0o600 });
        else process.stdout.write(json);
        if (o.html) await writeFile(o.html, standaloneExportPage(data).value, { mode: 0o600 });
        if (o.out || o.html)
          process.stderr.write(`Auskunft geschrieben: ${[o.out, o.html].filter(Boolean).join(', ')}\n`);
      });
    });

  withSubject(
    privacy
      .command('erase')
      .description(
        'Löschung nach Art. 17: die Person überall entfernen; bleibt nur ein Vermerk ohne Personendaten',
      ),
  )
    .option('--ja', 'wirklich löschen (ohne: nur zeigen, was gelöscht würde)')
    .action(async (o: SubjectOptions & { ja?: boolean }) => {
      await withDatabase(async ({ db }, config) => {
        const subject = subjectOf(o, {
          defaultRegion: config.defaultRegion,
          minDigits: config.minNumberDigits,
        });
        if ('person' in subject) await assertRecordExists(db, subject.person);
        const t = await findTraces(db, subject);
        const preview = `${t.people.length} Datensatz/Datensätze, ${t.numbers.length} Nummer(n), ${t.callIds.length} Anruf(e), ${t.timelineIds.length} Notiz(en), ${t.recordingIds.length} Aufnahme(n), ${t.suggestionIds.length} Vorschläge, ${t.taskIds.length} Aufgaben, ${t.consentIds.length} Einwilligungs-Einträge, ${t.liveEventIds.length} Live-Ereignisse, ${t.deliveryIds.length} Webex-Meldungen`;
        if (!o.ja) {
          process.stdout.write(
            `Würde löschen: ${preview}.\nZum Löschen denselben Befehl mit --ja wiederholen.\n`,
          );
          process.exitCode = 1;
          return;
        }
        const { id } = await requestErasure(db, subject, 'cli');
        const log = createLogger({ level: 'warn', pretty: false });
        const queue = new JobQueue({ db, log }).lane('background', { concurrency: 1 });
        definePersonEraser(queue, { db, log, recordingSteps: recordingStepJobs });
        await queue.drain([PERSON_ERASURE_JOB], 120_000);
        await queue.stop(1000);
        const e = await getErasure(db, id);
        if (e.status !== 'done') {
          process.stdout.write(`Löschauftrag ${id} ist eingereiht; der laufende Dienst führt ihn aus.\n`);
          return;
        }
        const s = e.summary!;
        process.stdout.write(
          `Gelöscht (Vermerk ${id}): ${preview}.\n${s.recordingsToDeleteAtWebex ? `${s.recordingsToDeleteAtWebex} Aufnahme(n) löscht der laufende Dienst bei Webex (Stand: callbridge privacy report).\n` : ''}`,
        );
      });
    });

  privacy
    .command('report')
    .description('Aufnahmen eines Zeitraums: eingegangen, transkribiert, ungelesen gelöscht, noch bei Webex')
    .requiredOption('--from <datum>', 'erster Tag, JJJJ-MM-TT (Europe/Berlin)')
    .requiredOption('--to <datum>', 'letzter Tag, JJJJ-MM-TT (einschließlich)')
    .option('--json', 'als JSON')
    .action(async (o: { from: string; to: string; json?: boolean }) => {
      const day = (d: string, name: string) => {
        if (!isCalendarDay(d))
          throw new ConfigError(
            `${name} „${d}“ ist kein Datum`,
            'Als JJJJ-MM-TT angeben, z. B. 2026-12-01.',
            undefined,
            'usage',
          );
        return berlinMidnight(d);
      };
      const from = day(o.from, '--from');
      const to = new Date(Date.parse(day(o.to, '--to')) + 86_400_000).toISOString();
      if (from >= to) throw new ConfigError('--from liegt nach --to', undefined, undefined, 'usage');
      await withDatabase(async ({ db }) => {
        const r = await recordingReport(db, from, to);
        if (o.json) return void process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        process.stdout.write(
          [
            `Aufnahmen vom ${o.from} bis ${o.to}:`,
            `  eingegangen:                         ${r.arrived}`,
            `  transkribiert:                       ${r.transcribed}`,
            `  ungelesen gelöscht (Widerspruch):    ${r.deletedUnread.objection}`,
            `  ungelesen gelöscht (ohne Einwill.):  ${r.deletedUnread.noConsent + r.deletedUnread.unknownCaller}`,
            `  gelöscht wegen Löschung (Art. 17):   ${r.deletedUnread.erased}`,
            `  bei Webex gelöscht (bestätigt):      ${r.deletedAtWebex}`,
            `  noch bei Webex:                      ${r.stillAtWebex}`,
            `Löschungen nach Art. 17 im Zeitraum: ${r.erasures}`,
            `Derzeit länger als 5 min nach dem Ergebnis noch bei Webex: ${r.overdue}${r.overdue ? ' → /aufnahmen und callbridge doctor zeigen, warum' : ''}`,
          ].join('\n') + '\n',
        );
      });
    });
}

/** 00:00 Europe/Berlin of a calendar day, as UTC ISO (summer time included). */
function berlinMidnight(day: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const berlin = new Date(guess).toLocaleString('sv-SE', { timeZone: 'Europe/Berlin', hour12: false });
  const offsetMs = Date.parse(`${berlin.replace(' ', 'T')}Z`) - guess;
  return new Date(guess - offsetMs).toISOString();
}
