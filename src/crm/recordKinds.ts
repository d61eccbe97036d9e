import type { z } from 'zod';
import type { Candidate, Lead } from '../db/schema.ts';
import type { RecordType } from './phoneIndex.ts';
import { type CandidateInput, candidateInput, type LeadInput, leadInput } from './recordInput.ts';

/**
 * What differs between a lead and a candidate. The store, the CSV import and the number lookups are
 * written once for both and read their differences from here, so a difference is stated, not repeated.
 */
/** The columns of a record besides its id and times. */
export type RecordColumns<Row> = Omit<Partial<Row>, 'id' | 'created_at' | 'updated_at'>;

export interface RecordKind<Row extends { id: string }, Input> {
  type: RecordType;
  table: 'leads' | 'candidates';
  /** The word in "… nicht gefunden". */
  noun: string;
  /** What a person may type for one (forms, JSON API, a CSV row). */
  input: z.ZodType<Input>;
  /** The columns a person fills in (form, JSON API, CSV import), from the validated input. */
  columns(input: Input): RecordColumns<Row>;
  /** Columns only filled later (from calls), empty on a new record. */
  later: RecordColumns<Row>;
  /** Of `columns`, those a CSV row may fill on an existing record with the same number and name. */
  mergeable: readonly (keyof Row & string)[];
  /** Searched for the list's text filter, besides the phone numbers. */
  searched: readonly (keyof Row & string)[];
  order: readonly (keyof Row & string)[];
  /** What the pop-up and the duplicate reports call the record. */
  title(row: RecordColumns<Row>): string;
}

export const LEAD: RecordKind<Lead, LeadInput> = {
  type: 'lead',
  table: 'leads',
  noun: 'Lead',
  input: leadInput,
  columns: (input) => ({
    company: input.company,
    contact_person: input.contactPerson,
    email: input.email,
    city: input.city,
    notes: input.notes,
  }),
  later: {},
  mergeable: ['contact_person', 'email', 'city', 'notes'],
  searched: ['company', 'contact_person', 'city'],
  order: ['company'],
  title: (r) => String(r.company),
};

export const CANDIDATE: RecordKind<Candidate, CandidateInput> = {
  type: 'candidate',
  table: 'candidates',
  noun: 'Kandidat',
  input: candidateInput,
  columns: (input) => ({
    first_name: input.firstName,
    last_name: input.lastName,
    email: input.email,
    position: input.position,
    status: input.status,
    city: input.city,
    notes: input.notes,
  }),
  later: {
    current_position: null,
    current_employer: null,
    current_salary_eur: null,
    salary_expectation: null,
    notice_period: null,
    available_from: null,
    willing_to_relocate: null,
    work_model: null,
    preferred_locations: null,
    skills: null,
  },
  mergeable: ['email', 'position', 'city', 'notes'],
  searched: ['first_name', 'last_name', 'position', 'email', 'city'],
  order: ['last_name', 'first_name'],
  title: (r) => `${r.first_name} ${r.last_name}`,
};
