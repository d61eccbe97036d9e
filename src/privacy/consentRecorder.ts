import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ConsentChannel, ConsentKind, DB } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { assertRecordExists, type PersonRef } from './subjects.ts';

export const CONSENT_KIND_LABELS: Record<ConsentKind, string> = {
  objection: 'Widerspruch gegen Aufzeichnung/Transkription',
  objection_withdrawn: 'Widerspruch zurückgenommen',
  consent: 'Einwilligung erteilt',
  consent_withdrawn: 'Einwilligung widerrufen',
};
export const CHANNEL_LABELS: Record<ConsentChannel, string> = {
  telefon: 'Telefon',
  email: 'E-Mail',
  formular: 'Formular',
};

export const consentInput = z.object({
  kind: z.enum(['objection', 'objection_withdrawn', 'consent', 'consent_withdrawn'], {
    error: 'Art fehlt: objection, objection_withdrawn, consent oder consent_withdrawn',
  }),
  channel: z.enum(['telefon', 'email', 'formular'], { error: 'Weg fehlt: telefon, email oder formular' }),
  note: z
    .string()
    .trim()
    .max(500, { error: 'Bemerkung darf höchstens 500 Zeichen lang sein' })
    .optional()
    .transform((s) => s || null),
});

/** What holds now for a person or a call: the latest event of each pair decides. */
export interface ConsentState {
  objected: boolean;
  consented: boolean;
}

export interface ConsentEntry {
  id: string;
  kind: ConsentKind;
  channel: ConsentChannel;
  note: string | null;
  at: string;
  byUserId: string | null;
  byName: string | null;
  callId: string | null;
}

export type ConsentInput = z.output<typeof consentInput>;

/** What a person is told of consent input that does not fit `consentInput`: its reasons, and what to give. */
export const consentRefusal = (problems: { message: string }[]) =>
  new ValidationError(
    problems.map((p) => p.message).join('; '),
    undefined,
    'Art (Widerspruch/Einwilligung) und Weg (Telefon, E-Mail, Formular) angeben.',
  );

/**
 * Records an objection or consent for a person (optionally during a call: `callId`), or — for a caller
 * who matches nobody — for that call alone. Appends to the history; nothing is overwritten.
 */
export async function recordConsent(
  db: Kysely<DB>,
  subject: { person: PersonRef | null; callId?: string | null },
  v: ConsentInput,
  byUserId: string | null,
): Promise<ConsentEntry> {
  if (!subject.person && !subject.callId) throw new ValidationError('Für wen? Datensatz oder Anruf angeben.');
  if (subject.person) await assertRecordExists(db, subject.person);
  if (subject.callId) {
    const call = await db
      .selectFrom('calls')
      .select('id')
      .where('id', '=', subject.callId)
      .executeTakeFirst();
    if (!call) throw new NotFoundError('Anruf');
  }
  const row = {
    id: randomUUID(),
    record_type: subject.person?.type ?? null,
    record_id: subject.person?.id ?? null,
    call_id: subject.callId ?? null,
    kind: v.kind,
    channel: v.channel,
    note: v.note,
    by_user_id: byUserId,
    at: new Date().toISOString(),
  };
  await db.insertInto('consent_events').values(row).execute();
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    note: row.note,
    at: row.at,
    byUserId,
    byName: null,
    callId: row.call_id,
  };
}

/** A person's history, newest first, with the names of who set each entry. */
export async function consentHistory(db: Kysely<DB>, person: PersonRef): Promise<ConsentEntry[]> {
  const rows = await db
    .selectFrom('consent_events as e')
    .leftJoin('users as u', 'u.id', 'e.by_user_id')
    .select(['e.id', 'e.kind', 'e.channel', 'e.note', 'e.at', 'e.by_user_id', 'e.call_id', 'u.display_name'])
    .where('e.record_type', '=', person.type)
    .where('e.record_id', '=', person.id)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    note: r.note,
    at: r.at,
    byUserId: r.by_user_id,
    byName: r.display_name ?? (r.by_user_id === null ? 'Kommandozeile' : null),
    callId: r.call_id,
  }));
}

/** Folds events (any order) into what holds now. */
export function foldConsent(events: { kind: ConsentKind; at: string }[]): ConsentState {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  let objected = false;
  let consented = false;
  for (const e of sorted) {
    if (e.kind === 'objection') objected = true;
    else if (e.kind === 'objection_withdrawn') objected = false;
    else if (e.kind === 'consent') consented = true;
    else if (e.kind === 'consent_withdrawn') consented = false;
  }
  return { objected, consented };
}

export async function consentStateOf(db: Kysely<DB>, person: PersonRef): Promise<ConsentState> {
  const events = await db
    .selectFrom('consent_events')
    .select(['kind', 'at'])
    .where('record_type', '=', person.type)
    .where('record_id', '=', person.id)
    .execute();
  return foldConsent(events);
}
