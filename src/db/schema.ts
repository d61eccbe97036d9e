import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types shared by SQLite and PostgreSQL. Timestamps are ISO-8601 UTC strings (they sort as text
 * on both backends); flags are integers 0/1 because SQLite has no boolean.
 */
type Id = ColumnType<number, never, never>;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'recruiter';
  webex_person_id: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LeadsTable {
  id: string;
  company: string;
  contact_person: string | null;
  email: string | null;
  city: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CandidatesTable {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  position: string | null;
  status: string;
  city: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface PhoneNumbersTable {
  e164: string;
  record_type: 'lead' | 'candidate';
  record_id: string;
  raw: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number> & Id;
  dedup_key: string;
  resource: string;
  event: string;
  webhook_id: string | null;
  received_at: string;
  body: string;
  status: 'pending' | 'processed' | 'ignored' | 'failed';
  outcome: string | null;
  attempts: number;
  processed_at: string | null;
}

export type CallState = 'ringing' | 'connected' | 'held' | 'ended' | 'missed';

export interface CallsTable {
  id: string;
  webex_call_id: string;
  actor_person_id: string;
  call_session_id: string | null;
  user_id: string | null;
  direction: 'incoming' | 'outgoing' | 'unknown';
  state: CallState;
  remote_number: string | null;
  remote_name: string | null;
  remote_call_type: string | null;
  matched_type: 'lead' | 'candidate' | null;
  matched_id: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  last_event_at: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface LiveEventsTable {
  id: Generated<number> & Id;
  user_id: string | null;
  type: string;
  payload: string;
  created_at: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  leads: LeadsTable;
  candidates: CandidatesTable;
  phone_numbers: PhoneNumbersTable;
  webhook_deliveries: WebhookDeliveriesTable;
  calls: CallsTable;
  live_events: LiveEventsTable;
}

export type User = Selectable<UsersTable>;
export type Lead = Selectable<LeadsTable>;
export type NewLead = Insertable<LeadsTable>;
export type Candidate = Selectable<CandidatesTable>;
export type NewCandidate = Insertable<CandidatesTable>;
export type Call = Selectable<CallsTable>;
export type CallUpdate = Updateable<CallsTable>;
export type LiveEventRow = Selectable<LiveEventsTable>;
