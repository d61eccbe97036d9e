import { extractAvailableFrom } from './availableFrom.ts';
import { type CallExtraction, emptyExtraction } from './callExtraction.ts';
import { callTypeOf } from './callType.ts';
import { buildUnits } from './conversation.ts';
import { extractJob } from './currentJob.ts';
import { followUp } from './followUpDate.ts';
import { nextSteps } from './nextSteps.ts';
import { extractNotice } from './noticePeriod.ts';
import { extractLocations } from './preferredLocations.ts';
import { extractRelocation } from './relocation.ts';
import { extractSalary } from './salary.ts';
import { extractSkills } from './skills.ts';
import { summaryOf } from './summary.ts';
import { parseTranscript } from './transcript.ts';
import { extractWorkModel } from './workModel.ts';

/**
 * The offline extractor ("rules" provider): German conversational patterns, no external service.
 * It sets a field only when the call says it (a wrong value is worse than none) and gives every
 * value the verbatim passage it comes from; the shared post-processing checks both again.
 */

/** Extracts the call record from a German transcript without any external service. */
export function extractByRules(transcript: string, callDate: string): CallExtraction {
  const p = parseTranscript(transcript);
  const units = buildUnits(p);
  const ex = emptyExtraction(callTypeOf(p, units));
  const set = <K extends keyof CallExtraction>(
    field: K,
    found: { value: CallExtraction[K]; quote: string } | null,
  ) => {
    if (!found) return;
    ex[field] = found.value;
    ex.evidence[field] = found.quote;
  };
  if (ex.callType !== 'other') {
    // Each to-do keeps the passage it comes from beside it, as evidence "nextSteps[i]".
    const steps = nextSteps(units, ex.callType, transcript, callDate);
    ex.nextSteps = steps.map((s) => s.todo);
    steps.forEach((s, i) => {
      ex.evidence[`nextSteps[${i}]`] = s.quote;
    });
  }
  // A call-back agreed with anyone (a vendor, a caller on the wrong line) is still the next contact.
  set('followUpDate', followUp(units, transcript, callDate));
  if (ex.callType === 'candidate') {
    const job = extractJob(units, transcript, p.labelled);
    set('currentPosition', job.position);
    set('currentEmployer', job.employer);
    const pay = extractSalary(units, transcript);
    if (pay.current) set('currentSalaryEur', { value: pay.current.value, quote: pay.current.quote });
    if (pay.expectation)
      set('salaryExpectationEur', {
        value: { min: pay.expectation.min, max: pay.expectation.max },
        quote: pay.expectation.quote,
      });
    set('noticePeriod', extractNotice(units, transcript));
    set('availableFrom', extractAvailableFrom(units, transcript, callDate));
    const relocation = extractRelocation(units, transcript);
    set('willingToRelocate', relocation);
    set('workModel', extractWorkModel(units, transcript));
    ex.preferredLocations = extractLocations(units, relocation?.value === true);
    ex.skills = extractSkills(units, job.position?.value ?? null);
  }
  ex.summary = summaryOf(ex, units);
  return ex;
}
