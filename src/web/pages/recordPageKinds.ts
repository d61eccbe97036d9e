import { createCandidate, getCandidate, listCandidates, updateCandidate } from '../../crm/candidateStore.ts';
import { createLead, getLead, listLeads, updateLead } from '../../crm/leadStore.ts';
import { CANDIDATE_STATUSES, candidateInput, leadInput } from '../../crm/recordInput.ts';
import type { RouteContext } from '../../http/routeContext.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { html, type SafeHtml } from '../html.ts';
import { type FieldDef, type FormValues, phonesText } from '../recordForm.ts';

// What differs between the lead and the candidate pages: form fields, stored values, list rows, facts.
export const PAGE_SIZE = 50;

export interface RecordKind {
  type: 'lead' | 'candidate';
  path: string;
  section: 'leads' | 'kandidaten';
  plural: string;
  singular: string;
  fields: FieldDef[];
  /** Form values → the input the store validates. */
  toInput(v: FormValues): unknown;
  /** A stored record → form values. */
  toValues(ctx: RouteContext, id: string): Promise<FormValues>;
  create(ctx: RouteContext, input: unknown): Promise<{ id: string }>;
  update(ctx: RouteContext, id: string, input: unknown): Promise<unknown>;
  list(
    ctx: RouteContext,
    search: string,
    offset: number,
  ): Promise<{ rows: SafeHtml; count: number; total: number }>;
  details(
    ctx: RouteContext,
    id: string,
  ): Promise<{ title: string; facts: [string, string][]; numbers: string[] }>;
}

export const leadKind: RecordKind = {
  type: 'lead',
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
  toInput: (v) => leadInput.parse({ ...v, phones: v['phones'] ?? '' }),
  async toValues(ctx, id) {
    const l = await getLead(ctx.db, id);
    return {
      company: l.company,
      contactPerson: l.contact_person ?? '',
      phones: phonesText(l.phones),
      email: l.email ?? '',
      city: l.city ?? '',
      notes: l.notes ?? '',
    };
  },
  create: (ctx, input) => createLead(ctx.db, ctx.phoneRules, input as never),
  update: (ctx, id, input) => updateLead(ctx.db, ctx.phoneRules, id, input as never),
  async list(ctx, search, offset) {
    const { items, total } = await listLeads(ctx.db, {
      search,
      limit: PAGE_SIZE,
      offset,
      phoneRules: ctx.phoneRules,
    });
    return {
      count: items.length,
      total,
      rows: html`<table><thead><tr><th>Firma</th><th>Ansprechpartner</th><th>Stadt</th><th>E-Mail</th></tr></thead><tbody>${items.map(
        (l) =>
          html`<tr class="clickable" data-href="/leads/${l.id}"><td><a href="/leads/${l.id}">${l.company}</a></td><td>${l.contact_person ?? '–'}</td><td>${l.city ?? '–'}</td><td>${l.email ?? '–'}</td></tr>`,
      )}</tbody></table>`,
    };
  },
  async details(ctx, id) {
    const l = await getLead(ctx.db, id);
    return {
      title: l.company,
      numbers: l.phones,
      facts: [
        ['Ansprechpartner', l.contact_person ?? '–'],
        ['Telefon', l.phones.map(formatNumber).join(', ') || '–'],
        ['E-Mail', l.email ?? '–'],
        ['Stadt', l.city ?? '–'],
        ['Notizen', l.notes ?? '–'],
      ],
    };
  },
};

export const candidateKind: RecordKind = {
  type: 'candidate',
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
  toInput: (v) => candidateInput.parse({ ...v, phones: v['phones'] ?? '' }),
  async toValues(ctx, id) {
    const c = await getCandidate(ctx.db, id);
    return {
      firstName: c.first_name,
      lastName: c.last_name,
      position: c.position ?? '',
      status: c.status,
      phones: phonesText(c.phones),
      email: c.email ?? '',
      city: c.city ?? '',
      notes: c.notes ?? '',
    };
  },
  create: (ctx, input) => createCandidate(ctx.db, ctx.phoneRules, input as never),
  update: (ctx, id, input) => updateCandidate(ctx.db, ctx.phoneRules, id, input as never),
  async list(ctx, search, offset) {
    const { items, total } = await listCandidates(ctx.db, {
      search,
      limit: PAGE_SIZE,
      offset,
      phoneRules: ctx.phoneRules,
    });
    return {
      count: items.length,
      total,
      rows: html`<table><thead><tr><th>Name</th><th>Position</th><th>Status</th><th>Stadt</th><th>E-Mail</th></tr></thead><tbody>${items.map(
        (c) =>
          html`<tr class="clickable" data-href="/kandidaten/${c.id}"><td><a href="/kandidaten/${c.id}">${c.first_name} ${c.last_name}</a></td><td>${c.position ?? '–'}</td><td>${CANDIDATE_STATUSES[c.status as keyof typeof CANDIDATE_STATUSES] ?? c.status}</td><td>${c.city ?? '–'}</td><td>${c.email ?? '–'}</td></tr>`,
      )}</tbody></table>`,
    };
  },
  async details(ctx, id) {
    const c = await getCandidate(ctx.db, id);
    return {
      title: `${c.first_name} ${c.last_name}`,
      numbers: c.phones,
      facts: [
        ['Position', c.position ?? '–'],
        ['Status', CANDIDATE_STATUSES[c.status as keyof typeof CANDIDATE_STATUSES] ?? c.status],
        ['Telefon', c.phones.map(formatNumber).join(', ') || '–'],
        ['E-Mail', c.email ?? '–'],
        ['Stadt', c.city ?? '–'],
        ['Notizen', c.notes ?? '–'],
      ],
    };
  },
};
