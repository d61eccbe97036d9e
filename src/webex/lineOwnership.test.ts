import { describe, expect, it } from 'vitest';
import type { User, WebexConnection } from '../db/schema.ts';
import { lineFindings } from './lineOwnership.ts';

const user = (over: Partial<User> = {}): User => ({
  id: 'u1',
  username: 'milad',
  display_name: 'Milad',
  password_hash: 'x',
  role: 'recruiter',
  webex_person_id: 'p1',
  disabled: 0,
  created_at: '',
  updated_at: '',
  ...over,
});
const conn = (over: Partial<WebexConnection>): WebexConnection =>
  ({ id: 'c', kind: 'user', person_id: 'p1', status: 'active', user_id: 'u1', ...over }) as WebexConnection;
const codes = (u: User, c: WebexConnection[], handMadeWebhooks = false) =>
  lineFindings(u, c, { handMadeWebhooks }).map((f) => f.code);

describe('lineFindings', () => {
  it('names a recruiter without a Webex person', () => {
    expect(codes(user({ webex_person_id: null }), [conn({})])).toEqual(['line_unlinked']);
  });
  it('is quiet when their own connection or the organisation delivers', () => {
    expect(codes(user(), [conn({})])).toEqual([]);
    expect(codes(user(), [conn({ kind: 'org', person_id: 'admin' })])).toEqual([]);
  });
  it('names a linked line no active connection delivers, but leaves an own broken one to connectionHealth', () => {
    expect(codes(user(), [conn({ person_id: 'p2' })])).toEqual(['line_not_delivered']);
    expect(codes(user(), [conn({ kind: 'org', status: 'reauth_required' })])).toEqual(['line_not_delivered']);
    expect(codes(user(), [conn({ status: 'reauth_required' })])).toEqual([]);
  });
  it('trusts hand-made webhooks (WEBEX_WEBHOOK_SECRET), and never warns admins', () => {
    expect(codes(user(), [], true)).toEqual([]);
    expect(codes(user(), [conn({ person_id: 'p2' })], true)).toEqual([]);
    expect(codes(user(), [], false)).toEqual(['line_not_delivered']);
    expect(codes(user({ role: 'admin', webex_person_id: null }), [])).toEqual([]);
  });
});
