import type { Transaction } from 'kysely';
import { displayValue } from '../crm/extractedFields.ts';
import type { Candidate, DB } from '../db/schema.ts';
import type { CallExtraction } from '../extraction/index.ts';
import { newId } from '../shared/ids.ts';
import { addFollowUpTask } from '../tasks/followUpTasks.ts';

type FieldWrite = {
  column: keyof Candidate;
  label: string;
  value: string | number | null;
  show: string;
  /** The extraction's field name, under which its evidence (the quote) is keyed. */
  evidenceKey: string;
};

/** Candidate column → field of shared/spec/extraction.md. */
export const EXTRACTION_KEY: Record<string, string> = {
  current_position: 'currentPosition',
  current_employer: 'currentEmployer',
  current_salary_eur: 'currentSalaryEur',
  salary_expectation: 'salaryExpectationEur',
  notice_period: 'noticePeriod',
  available_from: 'availableFrom',
  willing_to_relocate: 'willingToRelocate',
  work_model: 'workModel',
  preferred_locations: 'preferredLocations',
  skills: 'skills',
};

const euro = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;

/** The candidate columns a call may fill, with how a recruiter reads each value. */
function candidateFields(ex: CallExtraction): FieldWrite[] {
  const out: FieldWrite[] = [];
  const add = (column: keyof Candidate, label: string, value: string | number | null, show: string) => {
    if (value !== null && value !== '')
      out.push({ column, label, value, show, evidenceKey: EXTRACTION_KEY[column] ?? String(column) });
  };
  add('current_position', 'Position', ex.currentPosition, ex.currentPosition ?? '');
  add('current_employer', 'Arbeitgeber', ex.currentEmployer, ex.currentEmployer ?? '');
  add(
    'current_salary_eur',
    'Aktuelles Gehalt',
    ex.currentSalaryEur,
    ex.currentSalaryEur ? euro(ex.currentSalaryEur) : '',
  );
  if (ex.salaryExpectationEur) {
    const { min, max } = ex.salaryExpectationEur;
    add(
      'salary_expectation',
      'Gehaltswunsch',
      JSON.stringify(ex.salaryExpectationEur),
      min === max ? euro(min) : `${euro(min)}–${euro(max)}`,
    );
  }
  if (ex.noticePeriod) {
    const n = ex.noticePeriod;
    const end = n.toEndOf
      ? ` zum ${{ month: 'Monatsende', quarter: 'Quartalsende', year: 'Jahresende' }[n.toEndOf]}`
      : '';
    add(
      'notice_period',
      'Kündigungsfrist',
      JSON.stringify(n),
      `${n.amount} ${n.unit === 'weeks' ? 'Wochen' : 'Monate'}${end}`,
    );
  }
  add('available_from', 'Verfügbar ab', ex.availableFrom, ex.availableFrom ?? '');
  if (ex.willingToRelocate !== null)
    add(
      'willing_to_relocate',
      'Umzugsbereit',
      ex.willingToRelocate ? 1 : 0,
      ex.willingToRelocate ? 'ja' : 'nein',
    );
  add(
    'work_model',
    'Arbeitsmodell',
    ex.workModel,
    { remote: 'Remote', hybrid: 'Hybrid', onsite: 'Vor Ort' }[ex.workModel ?? 'remote'],
  );
  if (ex.preferredLocations.length)
    add(
      'preferred_locations',
      'Wunschorte',
      JSON.stringify(ex.preferredLocations),
      ex.preferredLocations.join(', '),
    );
  if (ex.skills.length) add('skills', 'Kenntnisse', JSON.stringify(ex.skills), ex.skills.join(', '));
  return out;
}

export { displayValue };

/**
 * Applies a call's note to a lead or candidate in the caller's transaction: a timeline entry always;
 * empty candidate fields are filled; a field holding something else becomes a suggestion the recruiter
 * accepts or rejects — what a person typed is never overwritten; a follow-up task when a date was agreed.
 */
export async function applyCallNote(
  trx: Transaction<DB>,
  input: {
    recordingId: string;
    callId: string | null;
    target: { type: 'lead' | 'candidate'; id: string };
    extraction: CallExtraction;
    transcript: string | null;
    /** When the call took place; the note is dated by it (default: now). */
    occurredAt?: string;
    /** The recruiter whose call it was (owner of its follow-up task). */
    ownerUserId?: string | null;
  },
): Promise<{ filled: string[]; suggested: string[] }> {
  const now = new Date().toISOString();
  const occurredAt = input.occurredAt ?? now;
  const { extraction: ex, target } = input;
  // The recording id is unique in the timeline: applying twice (after a crash) adds nothing twice.
  const entry = await trx
    .insertInto('timeline_entries')
    .values({
      id: newId(),
      record_type: target.type,
      record_id: target.id,
      recording_id: input.recordingId,
      call_id: input.callId,
      summary: ex.summary,
      next_steps: JSON.stringify(ex.nextSteps),
      transcript: input.transcript,
      created_at: now,
      occurred_at: occurredAt,
    })
    .onConflict((oc) => oc.column('recording_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!entry) return { filled: [], suggested: [] };
  // The call now belongs to the record: the call list stops showing it as "nicht zugeordnet".
  if (input.callId)
    await trx
      .updateTable('calls')
      .set({ matched_type: target.type, matched_id: target.id, record_confirmed: 1, updated_at: now })
      .where('id', '=', input.callId)
      // Unmatched, or only shown with the first of several records of its number (nobody had chosen).
      .where((eb) => eb.or([eb('matched_id', 'is', null), eb('record_confirmed', '=', 0)]))
      .execute();
  const filled: string[] = [];
  const filledValues: Record<string, string | number | null> = {};
  const suggested: string[] = [];
  if (target.type === 'candidate') {
    const cand = await trx
      .selectFrom('candidates')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    const set: Record<string, unknown> = {};
    for (const f of candidateFields(ex)) {
      const current = cand[f.column];
      if (current === null || current === undefined || current === '') {
        set[f.column] = f.value;
        filledValues[f.column] = f.value;
        filled.push(f.label);
      } else if (String(current) !== String(f.value)) {
        await trx
          .insertInto('suggestions')
          .values({
            id: newId(),
            candidate_id: target.id,
            recording_id: input.recordingId,
            field: String(f.column),
            current_value: String(current),
            suggested_value: String(f.value),
            evidence: ex.evidence[f.evidenceKey] ?? null,
            status: 'open',
            created_at: now,
          })
          .execute();
        suggested.push(`Vorschlag: ${f.label} ${f.show} statt ${displayValue(String(f.column), current)}`);
      }
    }
    if (Object.keys(set).length) {
      await trx
        .updateTable('candidates')
        .set({ ...set, updated_at: now })
        .where('id', '=', target.id)
        .execute();
      await trx
        .updateTable('timeline_entries')
        .set({ filled_json: JSON.stringify(filledValues) })
        .where('id', '=', entry.id)
        .execute();
    }
  }
  if (ex.followUpDate)
    await addFollowUpTask(trx, {
      record: target,
      recordingId: input.recordingId,
      callId: input.callId,
      ownerUserId: input.ownerUserId ?? null,
      due: ex.followUpDate,
      nextSteps: ex.nextSteps,
      quotes: ex.nextSteps.map((_, i) => ex.evidence[`nextSteps[${i}]`] ?? null),
    });
  return { filled, suggested };
}
