import type { ColumnType, Generated, Selectable } from 'kysely';

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
  current_position: ColumnType<string | null, string | null | undefined, string | null>;
  current_employer: ColumnType<string | null, string | null | undefined, string | null>;
  current_salary_eur: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON {min,max} */
  salary_expectation: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON {amount,unit,toEndOf} */
  notice_period: ColumnType<string | null, string | null | undefined, string | null>;
  available_from: ColumnType<string | null, string | null | undefined, string | null>;
  willing_to_relocate: ColumnType<number | null, number | null | undefined, number | null>;
  work_model: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON string[] */
  preferred_locations: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON string[] */
  skills: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** 1 when the matched record is certain: the number's only record, or chosen by a person. */
  record_confirmed: number;
  started_at: string;
  answered_at: string | null;
  /** Null for an ended or missed call means its end was never reported (closed as "Ende unbekannt"). */
  ended_at: string | null;
  last_event_at: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CallNoteDraftsTable {
  call_id: string;
  user_id: string;
  text: string;
  updated_at: string;
}

export interface CallDismissalsTable {
  user_id: string;
  call_id: string;
  dismissed_at: string;
}

export interface LiveEventsTable {
  id: Generated<number> & Id;
  /** Commit-ordered id shown to browsers; null on PostgreSQL until the sequencer has reached the event. */
  seq: number | null;
  user_id: string | null;
  type: string;
  payload: string;
  created_at: string;
}

export interface WebexIntegrationTable {
  id: string;
  client_id: string;
  client_secret_enc: string;
  updated_at: string;
}

export type ConnectionStatus = 'active' | 'reauth_required';

export interface WebexConnectionsTable {
  id: string;
  /** `user`: a recruiter's own line; `org`: an admin's organisation-wide connection. */
  kind: 'user' | 'org';
  user_id: string | null;
  person_id: string;
  display_name: string;
  email: string | null;
  org_id: string | null;
  /** Granted scopes, space separated. */
  scopes: string;
  access_token_enc: string;
  access_expires_at: string;
  refresh_token_enc: string;
  refresh_expires_at: string;
  status: ConnectionStatus;
  status_reason: string | null;
  last_refresh_at: string | null;
  last_success_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OauthStatesTable {
  state_hash: string;
  session_hash: string;
  user_id: string;
  kind: 'user' | 'org';
  scopes: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when an admin confirmed taking over the line of this Webex person from another user. */
  takeover_person_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WebexWebhooksTable {
  id: string;
  connection_id: string;
  resource: string;
  event: string;
  target_url: string;
  secret_enc: string;
  status: string;
  created_at: string;
  checked_at: string;
}

export interface WebexUpkeepLogTable {
  id: Generated<number> & Id;
  at: string;
  connection_id: string | null;
  action: string;
  detail: string;
}

export type RecordingStep = 'details' | 'download' | 'transcribe' | 'extract' | 'apply' | 'delete' | 'done';
export type RecordingStatus = 'pending' | 'running' | 'waiting' | 'failed' | 'done';

export interface RecordingsTable {
  id: string;
  webex_recording_id: string;
  owner_person_id: string | null;
  step: RecordingStep;
  status: RecordingStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  details_json: string | null;
  audio_path: string | null;
  transcript: string | null;
  extraction_json: string | null;
  flags_json: string | null;
  call_date: string | null;
  remote_number: string | null;
  record_type: 'lead' | 'candidate' | null;
  record_id: string | null;
  inbox: number;
  created_at: string;
  updated_at: string;
  applied_at: string | null;
  /** "Verwerfen" from the inbox; within the undo window the entry can come back. */
  discarded_at: ColumnType<string | null, string | null | undefined, string | null>;
  discarded_by: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_at_webex: string | null;
  done_at: string | null;
  /** Why it was deleted without being read: see src/privacy/recordingConsentGate.ts. */
  privacy_block: ColumnType<PrivacyBlock | null, PrivacyBlock | null | undefined, PrivacyBlock | null>;
  privacy_blocked_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** How Webex confirmed the deletion (the answer to DELETE). */
  deletion_confirmation: ColumnType<string | null, string | null | undefined, string | null>;
}

export type PrivacyBlock = 'objection' | 'no_consent' | 'unknown_caller' | 'erased';

export type ConsentKind = 'objection' | 'objection_withdrawn' | 'consent' | 'consent_withdrawn';
export type ConsentChannel = 'telefon' | 'email' | 'formular';

export interface ConsentEventsTable {
  id: string;
  record_type: 'lead' | 'candidate' | null;
  record_id: string | null;
  call_id: string | null;
  kind: ConsentKind;
  channel: ConsentChannel;
  note: string | null;
  by_user_id: string | null;
  at: string;
}

export interface ErasuresTable {
  id: string;
  subject_type: 'lead' | 'candidate' | 'phone';
  status: 'queued' | 'done';
  /** A user id, or `cli`. */
  requested_by: string;
  requested_at: string;
  finished_at: string | null;
  /** Record ids and numbers to erase; null once done. */
  targets_json: string | null;
  /** Counts of removed items (no personal data). */
  summary_json: string | null;
}

export interface RecordingAuditTable {
  id: Generated<number> & Id;
  recording_id: string;
  at: string;
  event: string;
  detail: string | null;
}

export interface TimelineEntriesTable {
  id: string;
  record_type: 'lead' | 'candidate';
  record_id: string;
  recording_id: string | null;
  call_id: string | null;
  summary: string;
  next_steps: string;
  transcript: string | null;
  created_at: string;
  /** When the call took place (the note's date); created_at is when it was written. */
  occurred_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON {column: value} of the candidate fields this note filled. */
  filled_json: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SuggestionsTable {
  id: string;
  candidate_id: string;
  recording_id: string | null;
  field: string;
  current_value: string | null;
  suggested_value: string;
  evidence: string | null;
  status: 'open' | 'accepted' | 'rejected';
  created_at: string;
  decided_at: ColumnType<string | null, string | null | undefined, string | null>;
  replaced_value: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TasksTable {
  id: string;
  record_type: 'lead' | 'candidate';
  record_id: string;
  recording_id: string | null;
  due_date: string;
  title: string;
  created_at: string;
  done_at: string | null;
  /** The recruiter whose call agreed the follow-up. */
  owner_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  call_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The words from the call the task came from. */
  detail: ColumnType<string | null, string | null | undefined, string | null>;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** How many calls agreed this follow-up (repeated mentions are merged into one task). */
  mentions: ColumnType<number, number | undefined, number>;
}

/** What happened to a record besides calls and notes: assignments, moves, corrections, decisions. */
export interface RecordEventsTable {
  id: string;
  record_type: 'lead' | 'candidate';
  record_id: string;
  kind: 'assigned' | 'moved_in' | 'moved_out' | 'corrected' | 'suggestion' | 'task_done' | 'merged';
  text: string;
  call_id: string | null;
  recording_id: string | null;
  user_id: string | null;
  occurred_at: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  type: string;
  key: string | null;
  payload: string;
  status: JobStatus;
  run_at: string;
  attempts: number;
  /** Higher is claimed first among due jobs. */
  priority: Generated<number>;
  lease_until: string | null;
  claim_token: string | null;
  /** The instance that claimed (stable across its restarts when configured, see JobQueue). */
  locked_by: string | null;
  /** The process run of that instance that claimed. */
  claim_boot: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Attempts per `account:NAME`, `address:IP` or `apikey:IP` in the window that began at window_start. */
export interface AuthThrottleTable {
  key: string;
  attempts: number;
  window_start: string;
}

export interface DB {
  auth_throttle: AuthThrottleTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  leads: LeadsTable;
  candidates: CandidatesTable;
  phone_numbers: PhoneNumbersTable;
  webhook_deliveries: WebhookDeliveriesTable;
  calls: CallsTable;
  call_note_drafts: CallNoteDraftsTable;
  call_dismissals: CallDismissalsTable;
  live_events: LiveEventsTable;
  webex_integration: WebexIntegrationTable;
  webex_connections: WebexConnectionsTable;
  oauth_states: OauthStatesTable;
  webex_webhooks: WebexWebhooksTable;
  webex_upkeep_log: WebexUpkeepLogTable;
  recordings: RecordingsTable;
  recording_audit: RecordingAuditTable;
  timeline_entries: TimelineEntriesTable;
  suggestions: SuggestionsTable;
  tasks: TasksTable;
  record_events: RecordEventsTable;
  jobs: JobsTable;
  consent_events: ConsentEventsTable;
  erasures: ErasuresTable;
}

export type Recording = Selectable<RecordingsTable>;
export type JobRow = Selectable<JobsTable>;

export type WebexConnection = Selectable<WebexConnectionsTable>;

export type User = Selectable<UsersTable>;
export type Lead = Selectable<LeadsTable>;
export type Candidate = Selectable<CandidatesTable>;
export type Call = Selectable<CallsTable>;
