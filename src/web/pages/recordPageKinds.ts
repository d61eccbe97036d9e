import type { Kysely } from 'kysely';
import { CANDIDATE_STATUSES, type CandidateInput, type LeadInput } from '../../crm/recordInput.ts';
import { CANDIDATE, LEAD, type RecordKind as StoredKind } from '../../crm/recordKinds.ts';
import { storeFor, type WithNumbers } from '../../crm/recordStore.ts';
import type { Candidate, DB, Lead } from '../../db/schema.ts';
import { formatNumber, type PhoneRules } from '../../phone/phoneNumber.ts';
import { html, type SafeHtml } from '../html.ts';
import { type FieldDef, type FormValues, phonesText } from '../recordForm.ts';

// What differs between the lead and the candidate pages: form fields, stored values, list rows, facts.
export const PAGE_SIZE = 50;

/** What the kinds read and write records with. */
export interface RecordStoreDeps {
  db: Kysely<DB>;
  phoneRules: PhoneRules;
}

export interface RecordKind {
  type: 'lead' | 'candidate';
  path: string;
  section: 'leads' | 'kandidaten';
  plural: string;
  singular: string;
  fields: FieldDef[];
  /** Form values → the input the store validated (refused with field errors otherwise). */
  toInput(v: FormValues): KindInput;
  /** A stored record → form values. */
  toValues(ctx: RecordStoreDeps, id: string): Promise<FormValues>;
  list(
    ctx: RecordStoreDeps,
    search: string,
    offset: number,
  ): Promise<{ rows: SafeHtml; count: number; total: number }>;
  details(
    ctx: RecordStoreDeps,
    id: string,
  ): Promise<{ title: string; facts: [string, string][]; numbers: string[] }>;
}

/** A validated form of a kind: its numbers (for the duplicate check) and how to store it. */
export interface KindInput {
  phones: string[];
  create(ctx: RecordStoreDeps): Promise<{ id: string }>;
  update(ctx: RecordStoreDeps, id: string): Promise<unknown>;
}

interface Contactable {
  id: string;
  email: string | null;
  city: string | null;
  notes: string | null;
}

/**
 * A page kind from the stored kind and what only the pages say: the form, the form values of a record,
 * and the columns that stand between the linked title and phone, e-mail, city, notes (the same in the
 * list and in the facts).
 */
function pageKind<Row extends Contactable, Input extends { phones: string[] }>(
  stored: StoredKind<Row, Input>,
  page: Pick<RecordKind, 'path' | 'section' | 'plural' | 'singular' | 'fields'> & {
    titleHeader: string;
    columns: [string, (r: Row) => string | null][];
    /** The form values besides phones, e-mail, city and notes. */
    values(r: Row): FormValues;
  },
): RecordKind {
  const store = storeFor(stored);
  const { path, columns } = page;
  const get = (ctx: RecordStoreDeps, id: string): Promise<WithNumbers<Row>> => store.get(ctx.db, id);
  const cells = (r: Row) => columns.map(([label, cell]): [string, string] => [label, cell(r) ?? '–']);
  return {
    type: stored.type,
    path,
    section: page.section,
    plural: page.plural,
    singular: page.singular,
    fields: page.fields,
    toInput: (v) => {
      const input = stored.input.parse({ ...v, phones: v['phones'] ?? '' });
      return {
        phones: input.phones,
        create: (ctx) => store.create(ctx.db, ctx.phoneRules, input),
        update: (ctx, id) => store.update(ctx.db, ctx.phoneRules, id, input),
      };
    },
    async toValues(ctx, id) {
      const r = await get(ctx, id);
      return {
        ...page.values(r),
        phones: phonesText(r.phones),
        email: r.email ?? '',
        city: r.city ?? '',
        notes: r.notes ?? '',
      };
    },
    async list(ctx, search, offset) {
      const { items, total } = await store.list(ctx.db, {
        search,
        limit: PAGE_SIZE,
        offset,
        phoneRules: ctx.phoneRules,
      });
      const heads = [page.titleHeader, ...columns.map(([label]) => label), 'Stadt', 'E-Mail'];
      return {
        count: items.length,
        total,
        rows: html`<table><thead><tr>${heads.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${items.map(
          (r) =>
            html`<tr class="clickable" data-href="${path}/${r.id}"><td><a href="${path}/${r.id}">${stored.title(r)}</a></td>${cells(r).map(([, v]) => html`<td>${v}</td>`)}<td>${r.city ?? '–'}</td><td>${r.email ?? '–'}</td></tr>`,
        )}</tbody></table>`,
      };
    },
    async details(ctx, id) {
      const r = await get(ctx, id);
      return {
        title: stored.title(r),
        numbers: r.phones,
        facts: [
          ...cells(r),
          ['Telefon', r.phones.map(formatNumber).join(', ') || '–'],
          ['E-Mail', r.email ?? '–'],
          ['Stadt', r.city ?? '–'],
          ['Notizen', r.notes ?? '–'],
        ],
      };
    },
  };
}

const statusLabel = (c: Candidate) =>
  CANDIDATE_STATUSES[c.status as keyof typeof CANDIDATE_STATUSES] ?? c.status;

export const leadKind: RecordKind = pageKind<Lead, LeadInput>(LEAD, {
  path: '/leads',
  section: 'leads',
  plural: 'Leads',
  singular: 'Lead',
  fields: [
    { name: 'company', label: 'Firma', type: 'text', required: true },
    { name: 'contactPerson', label: 'Ansprechpartner', type: 'text' },
    {
      name: 'phones',
      label: 'Telefonnummern',
      type: 'phones',
      hint: 'Eine Nummer pro Zeile, z. B. 030 123456 oder +49 171 1234567.',
    },
    { name: 'email', label: 'E-Mail', type: 'email' },
    { name: 'city', label: 'Stadt', type: 'text' },
    { name: 'notes', label: 'Notizen', type: 'textarea' },
  ],
  titleHeader: 'Firma',
  columns: [['Ansprechpartner', (l) => l.contact_person]],
  values: (l) => ({ company: l.company, contactPerson: l.contact_person ?? '' }),
});

export const candidateKind: RecordKind = pageKind<Candidate, CandidateInput>(CANDIDATE, {
  path: '/kandidaten',
  section: 'kandidaten',
  plural: 'Kandidaten',
  singular: 'Kandidat',
  fields: [
    { name: 'firstName', label: 'Vorname', type: 'text', required: true },
    { name: 'lastName', label: 'Nachname', type: 'text', required: true },
    { name: 'position', label: 'Position', type: 'text' },
    { name: 'status', label: 'Status', type: 'select', options: CANDIDATE_STATUSES },
    { name: 'phones', label: 'Telefonnummern', type: 'phones', hint: 'Eine Nummer pro Zeile.' },
    { name: 'email', label: 'E-Mail', type: 'email' },
    { name: 'city', label: 'Stadt', type: 'text' },
    { name: 'notes', label: 'Notizen', type: 'textarea' },
  ],
  titleHeader: 'Name',
  columns: [
    ['Position', (c) => c.position],
    ['Status', statusLabel],
  ],
  values: (c) => ({
    firstName: c.first_name,
    lastName: c.last_name,
    position: c.position ?? '',
    status: c.status,
  }),
});
