import { AppError } from '../shared/errors.ts';
import { WebexUnavailable } from '../webex/webexErrors.ts';
import { type CallExtraction, callExtractionJsonSchema, callExtractionSchema } from './callExtraction.ts';
import { resolveDatePhrase } from './dateResolver.ts';
import { checkEvidence, type ExtractionFlag } from './evidenceCheck.ts';

export interface LlmSettings {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
}

const SYSTEM = `Du wertest deutsche Telefonate einer Personalvermittlung aus. Antworte nur mit einem JSON-Objekt nach dem Schema.
Regeln: Setze ein Feld nur, wenn das Gespräch es sagt; sonst null bzw. []. Gehälter als Jahresbrutto in EUR (Monat ×12, ×13/×14 wenn so gesagt).
Netto ist kein Brutto. Ein Betrag, den nur der Recruiter vorschlägt, ist kein Wunsch des Kandidaten, außer er stimmt zu.
Bei Selbstkorrekturen gilt die letzte Aussage. Für jedes gesetzte Feld steht in "evidence" das wörtliche Zitat (max. 200 Zeichen).
Datumsangaben dürfen als Wortlaut ("nächsten Dienstag") zurückkommen; sie werden im Code aufgelöst.`;

/** Dates a model may return as words are resolved in code against the call date; never trusted to it. */
function normalize(ex: CallExtraction, callDate: string, flags: ExtractionFlag[]): CallExtraction {
  const out = { ...ex };
  for (const field of ['availableFrom', 'followUpDate'] as const) {
    const v = out[field];
    if (v === null || /^\d{4}-\d{2}-\d{2}$/.test(v)) continue;
    const r = resolveDatePhrase(v, callDate);
    if (r) out[field] = r.date;
    else {
      out[field] = null;
      flags.push({ field, reason: `date "${v}" names no day` });
    }
  }
  if (out.salaryExpectationEur && out.salaryExpectationEur.min > out.salaryExpectationEur.max) {
    out.salaryExpectationEur = { min: out.salaryExpectationEur.max, max: out.salaryExpectationEur.min };
  }
  for (const field of ['currentSalaryEur'] as const) {
    const v = out[field];
    if (v !== null && (v < 1000 || v > 1_000_000)) {
      out[field] = null;
      flags.push({ field, reason: 'salary outside plausible range' });
    }
  }
  out.skills = [...new Set(out.skills)];
  out.preferredLocations = [...new Set(out.preferredLocations)];
  return out;
}

/**
 * The `openai` / `openai-compatible` extraction provider: chat completions with the record's JSON
 * schema, then the same normalising and evidence checks as every provider. Malformed output is an
 * error (retried by the pipeline), never half-written.
 */
export async function extractWithLlm(
  settings: LlmSettings,
  transcript: string,
  callDate: string,
): Promise<{ extraction: CallExtraction; flags: ExtractionFlag[] }> {
  let res: Response;
  try {
    res = await fetch(`${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: settings.model,
        temperature: 0,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'call_extraction', schema: callExtractionJsonSchema },
        },
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Gesprächsdatum: ${callDate}\n\nTranskript:\n${transcript}` },
        ],
      }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (err) {
    throw new WebexUnavailable(`extraction provider: ${(err as Error).message}`);
  }
  if (res.status === 429 || res.status >= 500)
    throw new WebexUnavailable(`extraction provider answered ${res.status}`, res.status);
  if (!res.ok)
    throw new AppError('extraction_refused', `Auswertungsdienst lehnt ab (${res.status})`, {
      hint: 'Check EXTRACTION_API_KEY and EXTRACTION_MODEL.',
    });
  const body = (await res.json().catch(() => null)) as {
    choices?: { message?: { content?: string } }[];
  } | null;
  const content = body?.choices?.[0]?.message?.content;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content ?? '');
  } catch {
    throw new WebexUnavailable('extraction provider answered malformed JSON');
  }
  const checked = callExtractionSchema.safeParse(parsed);
  if (!checked.success)
    throw new WebexUnavailable(
      `extraction provider answered a record that does not fit the schema: ${checked.error.issues[0]?.message}`,
    );
  const flags: ExtractionFlag[] = [];
  const normalized = normalize(checked.data, callDate, flags);
  const result = checkEvidence(normalized, transcript);
  return { extraction: result.extraction, flags: [...flags, ...result.flags] };
}
