import { describe, expect, it } from 'vitest';
import type { WebexConnection } from '../db/schema.ts';
import { connectionFindings } from './connectionHealth.ts';

const base: WebexConnection = {
  id: 'c',
  kind: 'user',
  user_id: 'u',
  person_id: 'p',
  display_name: 'Milad K.',
  email: null,
  org_id: null,
  scopes: 'spark:calls_read spark:people_read spark:recordings_read spark:recordings_write',
  access_token_enc: 'x',
  access_expires_at: '2026-12-01T00:00:00.000Z',
  refresh_token_enc: 'y',
  refresh_expires_at: '2027-02-01T00:00:00.000Z',
  status: 'active',
  status_reason: null,
  last_refresh_at: null,
  last_success_at: null,
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
};
const now = Date.parse('2026-11-25T12:00:00.000Z');

describe('connectionFindings', () => {
  it('finds nothing wrong with a complete, fresh connection', () => {
    expect(connectionFindings(base, 14, now)).toEqual([]);
  });

  it('names a missing delete scope as a GDPR problem', () => {
    const f = connectionFindings(
      { ...base, scopes: 'spark:calls_read spark:people_read spark:recordings_read' },
      14,
      now,
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ level: 'error', code: 'scope_missing' });
    expect(f[0]!.text).toContain('Aufnahmen können nicht gelöscht werden (DSGVO)');
  });

  it('warns from 14 days before the refresh token expires, and reports it expired after', () => {
    expect(connectionFindings({ ...base, refresh_expires_at: '2026-12-10T12:00:00.000Z' }, 14, now)).toEqual(
      [],
    );
    const soon = connectionFindings({ ...base, refresh_expires_at: '2026-12-08T12:00:00.000Z' }, 14, now);
    expect(soon[0]).toMatchObject({ code: 'refresh_expiring', level: 'warning' });
    expect(soon[0]!.text).toContain('in 13 Tagen');
    expect(
      connectionFindings({ ...base, refresh_expires_at: '2026-11-20T00:00:00.000Z' }, 14, now)[0]?.code,
    ).toBe('refresh_expired');
  });

  it('says a refused connection needs reconnecting and that events are kept', () => {
    const f = connectionFindings(
      { ...base, status: 'reauth_required', status_reason: 'Refresh-Token widerrufen' },
      14,
      now,
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.text).toContain('Neu verbinden nötig');
    expect(f[0]!.text).toContain('gespeichert');
  });
});
