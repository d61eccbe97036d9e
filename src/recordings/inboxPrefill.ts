import type { Kysely } from 'kysely';
import { displayValue } from '../crm/extractedFields.ts';
import type { DB } from '../db/schema.ts';
import type { CallExtraction } from '../extraction/index.ts';
import { followUpStep, todoTitle } from '../extraction/taskTitle.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import { callOfRecording, callTimeOf } from './recordingCall.ts';

export interface Prefill {
  recordingId: string;
  number: string | null;
  callAt: string;
  /** Form values for the new lead or candidate. */
  values: Record<string, string>;
  /** What the call will add once the record exists (label, value), besides the note. */
  carried: [string, string][];
  summary: string;
}

const NAME = /\p{Lu}[\p{Ll}'-]+/u.source;
/** "mein Name ist Jonas Albrecht", "hier ist Jonas Albrecht", "Albrecht mein Name", "Frau Keller". */
const FULL_NAME = [
  new RegExp(`(?:mein Name ist|hier (?:ist|spricht)|ich bin(?: die| der)?)\\s+(${NAME})\\s+(${NAME})`, 'u'),
  new RegExp(`(${NAME})\\s+(${NAME}),?\\s+(?:mein Name|am Apparat)`, 'u'),
];
const LAST_NAME = new RegExp(`\\b(?:Frau|Herr|Herrn)\\s+(${NAME})`, 'u');
const NOT_NAMES = new Set(['Lang', 'Personal', 'Guten', 'Tag', 'Hallo', 'Sie', 'Ich']);

const LEGAL_FORM =
  /((?:\p{Lu}[\p{L}\d&.'-]*\s+){1,4}(?:GmbH(?:\s*&\s*Co\.\s*KG)?|AG|KG|SE|OHG|UG|e\.\s?V\.))/u;

const callerLines = (transcript: string | null) =>
  (transcript ?? '')
    .split('\n')
    .filter((l) => !/^\s*(?:<v\s+)?Recruiter/i.test(l))
    .map((l) => l.replace(/^\s*(?:<v\s+)?[^:>]{1,30}[:>]\s*/, ''))
    .join('\n');

/** A company the caller names with its legal form ("von der ACME GmbH"); nothing when unsure. */
export function guessCompany(transcript: string | null): string | null {
  const m = LEGAL_FORM.exec(callerLines(transcript));
  return m ? m[1]!.replace(/^(?:Der|Die|Das|Von|Vom|Bei|Beim)\s+/u, '').trim() : null;
}

/** The caller's name as Webex or the conversation says it; nothing when unsure. */
export function guessName(
  remoteName: string | null,
  transcript: string | null,
): { first: string; last: string } {
  const parts = remoteName?.trim().split(/\s+/) ?? [];
  if (parts.length >= 2 && parts.every((p) => /^\p{L}/u.test(p)))
    return { first: parts.slice(0, -1).join(' '), last: parts.at(-1)! };
  // Only what the caller says about themselves: lines not spoken by the recruiter.
  const text = callerLines(transcript);
  for (const re of FULL_NAME) {
    const m = re.exec(text);
    if (m && !NOT_NAMES.has(m[1]!) && !NOT_NAMES.has(m[2]!)) return { first: m[1]!, last: m[2]! };
  }
  const all = transcript ?? '';
  const m = LAST_NAME.exec(all);
  return m ? { first: '', last: m[1]! } : { first: '', last: '' };
}

/** What "Neuen Kandidaten/Lead anlegen" from a card fills in, from the call's extraction. */
export async function prefillFromRecording(
  db: Kysely<DB>,
  recordingId: string,
  kind: 'lead' | 'candidate',
): Promise<Prefill> {
  const rec = await db.selectFrom('recordings').selectAll().where('id', '=', recordingId).executeTakeFirst();
  if (!rec) throw new NotFoundError('Anruf');
  if (!rec.inbox || !rec.extraction_json)
    throw new AppError('not_in_inbox', 'Dieser Anruf wartet nicht mehr auf Zuordnung', {
      status: 409,
      hint: 'Er wurde inzwischen zugeordnet oder verworfen; siehe „Nicht zugeordnet“.',
    });
  const ex = JSON.parse(rec.extraction_json) as CallExtraction;
  const call = await callOfRecording(db, rec);
  const remoteName = call
    ? ((await db.selectFrom('calls').select('remote_name').where('id', '=', call.id).executeTakeFirst())
        ?.remote_name ?? null)
    : null;
  const name = guessName(remoteName, rec.transcript);
  const values: Record<string, string> =
    kind === 'candidate'
      ? {
          firstName: name.first,
          lastName: name.last,
          position: ex.currentPosition ?? '',
          phones: rec.remote_number ?? '',
          city: ex.preferredLocations[0] ?? '',
        }
      : {
          company: guessCompany(rec.transcript) ?? ex.currentEmployer ?? '',
          contactPerson: [name.first, name.last].filter(Boolean).join(' '),
          phones: rec.remote_number ?? '',
        };
  const carried: [string, string][] = [];
  if (kind === 'candidate') {
    const add = (label: string, col: string, v: unknown) => {
      if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
        carried.push([label, displayValue(col, typeof v === 'object' ? JSON.stringify(v) : v)]);
    };
    add('Arbeitgeber', 'current_employer', ex.currentEmployer);
    add('Aktuelles Gehalt', 'current_salary_eur', ex.currentSalaryEur);
    add('Gehaltswunsch', 'salary_expectation', ex.salaryExpectationEur);
    add('Kündigungsfrist', 'notice_period', ex.noticePeriod);
    add('Verfügbar ab', 'available_from', ex.availableFrom);
    add('Arbeitsmodell', 'work_model', ex.workModel);
    add('Wunschorte', 'preferred_locations', ex.preferredLocations);
    add('Kenntnisse', 'skills', ex.skills);
  }
  // Worded as the task will be (tasks/followUpTasks.ts), named after the record as pre-filled.
  if (ex.followUpDate) {
    const recordName =
      kind === 'candidate'
        ? [name.first, name.last].filter(Boolean).join(' ') || 'Kandidat'
        : values['company'] || 'Lead';
    carried.push([
      'Aufgabe',
      todoTitle(followUpStep(ex.nextSteps), { recordName, due: ex.followUpDate }).title,
    ]);
  }
  return {
    recordingId,
    number: rec.remote_number,
    callAt: callTimeOf(rec, call),
    values,
    carried,
    summary: ex.summary,
  };
}
