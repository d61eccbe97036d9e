import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { ValidationError } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { type DuplicateNumber, mergeInto, planRows } from './importDuplicates.ts';
import { normalizeAll } from './phoneIndex.ts';
import { splitPhones } from './recordInput.ts';
import { CANDIDATE, LEAD, type RecordKind } from './recordKinds.ts';
import { records as recordTables } from './recordStore.ts';

export type ImportKind = 'leads' | 'candidates';

export interface RowError {
  line: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  imported: number;
  skipped: number;
  errors: RowError[];
  /** Rows merged into a record that already had their number and name. */
  merged: number;
  /** Rows whose number another record already has (in the database or an earlier row). */
  duplicates: DuplicateNumber[];
}

/** Header spellings people use in exported spreadsheets, German first. */
const HEADERS: Record<ImportKind, Record<string, string[]>> = {
  leads: {
    company: ['firma', 'company', 'unternehmen', 'firmenname', 'organisation'],
    contactPerson: ['ansprechpartner', 'ansprechpartnerin', 'kontakt', 'contact', 'contactperson'],
    email: ['email', 'mail'],
    city: ['stadt', 'ort', 'city'],
    notes: ['notizen', 'notiz', 'notes', 'bemerkung', 'kommentar'],
  },
  candidates: {
    firstName: ['vorname', 'firstname'],
    lastName: ['nachname', 'lastname', 'familienname'],
    fullName: ['name'],
    email: ['email', 'mail'],
    position: ['position', 'jobtitel', 'beruf', 'titel', 'stelle'],
    status: ['status'],
    city: ['stadt', 'ort', 'city', 'wohnort'],
    notes: ['notizen', 'notiz', 'notes', 'bemerkung', 'kommentar'],
  },
};
const PHONE_HEADER = /^(telefon|telefonnummer|tel|phone|mobil|mobile|handy|festnetz|nummer)\d*$/;

const canon = (h: string) =>
  h
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![0];
}

/**
 * Imports leads or candidates from CSV (`,` `;` or tab separated, UTF-8, header row). Every row is
 * checked first; with any bad row nothing is written unless `skipInvalid`, and the result names each
 * bad row by line, column and reason. A row whose number another record already has is reported
 * (naming that record); with `merge` it is merged into it when the name (lead: company) is the same too.
 */
export function importCsv(
  db: Kysely<DB>,
  rules: PhoneRules,
  kind: ImportKind,
  text: string,
  opts: { skipInvalid?: boolean; merge?: boolean } = {},
): Promise<ImportResult> {
  return kind === 'leads'
    ? importRecords(db, rules, LEAD, text, opts)
    : importRecords(db, rules, CANDIDATE, text, opts);
}

/** csv-parse's error codes in German (what is wrong in the file, not how the parser noticed). */
const CSV_PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Anführungszeichen nicht geschlossen',
  CSV_INVALID_CLOSING_QUOTE: 'nach einem schließenden Anführungszeichen folgt kein Trennzeichen',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'nach einem schließenden Anführungszeichen folgt kein Trennzeichen',
  CSV_INVALID_OPENING_QUOTE: 'Anführungszeichen mitten in einem Feld',
  CSV_MAX_RECORD_SIZE: 'eine Zeile ist zu lang',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'Zeilen mit unterschiedlich vielen Spalten',
  INVALID_OPENING_QUOTE: 'Anführungszeichen mitten in einem Feld',
};

async function importRecords<Row extends { id: string }, Input extends { phones: string[] }>(
  db: Kysely<DB>,
  rules: PhoneRules,
  k: RecordKind<Row, Input>,
  text: string,
  opts: { skipInvalid?: boolean; merge?: boolean },
): Promise<ImportResult> {
  const kind = k.table;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as Error & { lines?: number; code?: string };
    // csv-parse speaks English; the person importing reads German.
    const reason = CSV_PARSE_ERRORS[e.code ?? ''] ?? 'kein gültiges CSV';
    throw new ValidationError(
      `CSV kann nicht gelesen werden: ${reason}${e.lines ? ` (Zeile ${e.lines})` : ''}`,
      [{ line: e.lines ?? 0, column: '', reason }],
      'Die Datei als CSV (UTF-8) speichern; ein Feld mit Trennzeichen, Anführungszeichen oder Zeilenumbruch ganz in "…" setzen, ein " darin verdoppeln ("").',
    );
  }
  if (records.length === 0)
    throw new ValidationError('Die CSV-Datei ist leer.', [], 'Erste Zeile: Spaltennamen.');
  const header = records[0]!.record;
  const fieldOf: (string | null)[] = header.map((h) => {
    const c = canon(h);
    if (PHONE_HEADER.test(c)) return 'phones';
    for (const [field, names] of Object.entries(HEADERS[kind])) if (names.includes(c)) return field;
    return null;
  });
  const required = kind === 'leads' ? ['company'] : [];
  const missing = required.filter((f) => !fieldOf.includes(f));
  if (
    kind === 'candidates' &&
    !fieldOf.includes('fullName') &&
    !(fieldOf.includes('firstName') && fieldOf.includes('lastName'))
  ) {
    missing.push('vorname + nachname (oder name)');
  }
  if (missing.length > 0) {
    // Named as the file would name them (the German header), not by the field inside.
    const named = missing.map((f) => HEADERS[kind][f]?.[0] ?? f).join(', ');
    throw new ValidationError(
      `Pflichtspalte fehlt: ${named}`,
      [{ line: 1, column: named, reason: 'Spalte fehlt in der Kopfzeile' }],
      `Bekannte Spalten für ${kind === 'leads' ? 'Leads' : 'Kandidaten'}: ${Object.values(HEADERS[kind])
        .map((n) => n[0])
        .join(', ')}, telefon`,
    );
  }

  const errors: RowError[] = [];
  const good: { line: number; value: Input; numbers: { e164: string; raw: string }[] }[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push({ line, column: '', reason: `${record.length} Spalten statt ${header.length}` });
      continue;
    }
    const raw: Record<string, unknown> = { phones: [] as string[] };
    record.forEach((cell, i) => {
      const f = fieldOf[i];
      if (!f) return;
      if (f === 'phones') (raw['phones'] as string[]).push(...splitPhones(cell));
      else raw[f] = cell;
    });
    if (kind === 'candidates' && typeof raw['fullName'] === 'string' && !raw['lastName']) {
      const parts = raw['fullName'].trim().split(/\s+/);
      raw['lastName'] = parts.pop() ?? '';
      raw['firstName'] = raw['firstName'] || parts.join(' ');
    }
    const parsed = k.input.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors.push({ line, column: columnName(header, fieldOf, field), reason: issue.message });
      }
      continue;
    }
    try {
      const numbers = normalizeAll(parsed.data.phones, rules);
      good.push({ line, value: parsed.data, numbers });
    } catch (err) {
      errors.push({ line, column: columnName(header, fieldOf, 'phones'), reason: (err as Error).message });
    }
  }

  const rows = records.length - 1;
  if (errors.length > 0 && !opts.skipInvalid) {
    throw new ValidationError(
      `${new Set(errors.map((e) => e.line)).size} von ${rows} Zeilen fehlerhaft, nichts importiert`,
      errors,
      'Korrigieren Sie die genannten Zeilen, oder importieren Sie nur die gültigen („Fehlerhafte Zeilen überspringen“, auf der Kommandozeile --skip-invalid).',
    );
  }

  const plan = await planRows(db, k, good, opts.merge ?? false);
  const now = nowIso();
  const type = k.type;
  await db.transaction().execute(async (trx) => {
    const creates = plan.filter((p) => p.mergeInto === null);
    for (const chunk of chunks(creates, 200)) {
      await recordTables(trx)
        .insertInto(k.table)
        .values(chunk.map(({ id, value }) => ({ id, ...k.columns(value), created_at: now, updated_at: now })))
        .execute();
    }
    for (const p of plan.filter((x) => x.mergeInto !== null)) await mergeInto(trx, k, p, now);
    const seen = new Set<string>();
    const phoneRows = plan.flatMap(({ id, mergeInto: into, numbers }) =>
      numbers
        .map((n) => ({ e164: n.e164, raw: n.raw, record_type: type, record_id: into ?? id }))
        .filter((r) => {
          const key = `${r.e164} ${r.record_id}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
    );
    for (const chunk of chunks(phoneRows, 200))
      await trx
        .insertInto('phone_numbers')
        .values(chunk)
        .onConflict((oc) => oc.columns(['e164', 'record_type', 'record_id']).doNothing())
        .execute();
  });
  const duplicates = plan.flatMap((p) => p.duplicates);
  const merged = plan.filter((p) => p.mergeInto !== null).length;
  return {
    kind,
    rows,
    imported: good.length - merged,
    merged,
    skipped: rows - good.length,
    errors,
    duplicates,
  };
}

function columnName(header: string[], fieldOf: (string | null)[], field: string): string {
  const lookFor = field === 'firstName' || field === 'lastName' ? [field, 'fullName'] : [field];
  const i = fieldOf.findIndex((f) => f !== null && lookFor.includes(f));
  return i >= 0 ? header[i]! : field;
}

function* chunks<T>(list: T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}
