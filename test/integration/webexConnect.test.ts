import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, SecretBox } from '../../src/webex/secretBox.ts';
import { signBody } from '../../src/webhooks/signature.ts';
import { telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { CLIENT_ID, CLIENT_SECRET, type Stack, startStack } from '../support/stack.ts';
import { configureIntegrationAsAdmin, connectWebex } from '../support/webexConnect.ts';

/** Connecting Webex over OAuth against the simulator, and the tokens and webhooks that follow. */
describe('Webex connection', () => {
  let stack: Stack;
  let milad: string;
  let admin: string;
  const connection = () =>
    stack.app.ctx.db
      .selectFrom('webex_connections')
      .selectAll()
      .where('kind', '=', 'user')
      .executeTakeFirstOrThrow();
  const simHooks = () =>
    [...stack.sim.state.webhooks.values()].filter(
      (h) => h.name.startsWith('CallBridge') && h.createdBy === stack.personId,
    );

  beforeAll(async () => {
    stack = await startStack();
    milad = await stack.login('milad', 'milad-password');
    admin = await stack.login('admin', 'admin-password');
    await configureIntegrationAsAdmin(stack, admin, CLIENT_ID, CLIENT_SECRET);
  });
  afterAll(() => stack?.close());

  it('connects a recruiter line: person linked, scopes stored, both webhooks registered with secrets', async () => {
    const { result } = await connectWebex(stack, milad);
    expect(result.status).toBe(303);
    expect(result.headers.get('location')).toMatch(/^\/webex\?verbunden=1/);
    const conn = await connection();
    expect(conn).toMatchObject({ person_id: stack.personId, status: 'active', kind: 'user' });
    expect(conn.scopes.split(' ').sort()).toEqual([
      'spark:calls_read',
      'spark:people_read',
      'spark:recordings_read',
      'spark:recordings_write',
    ]);
    const user = await stack.app.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'milad')
      .executeTakeFirstOrThrow();
    expect(user.webex_person_id).toBe(stack.personId);
    expect(
      simHooks()
        .map((h) => h.resource)
        .sort(),
    ).toEqual(['convergedRecordings', 'telephony_calls']);
    expect(
      simHooks().every((h) => h.targetUrl === `${stack.url}/webhooks/webex` && (h.secret?.length ?? 0) >= 24),
    ).toBe(true);

    // A call on the line arrives signed with the registered webhook's own secret and is accepted.
    const { deliveries } = await stack.ring({ from: '030 123456', scenario: 'missed' });
    expect(deliveries.filter((d) => d.status === 200).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a callback with an unknown, reused, expired or foreign state', async () => {
    const { callbackUrl, result } = await connectWebex(stack, milad);
    expect(result.status).toBe(303);
    const replay = await fetch(callbackUrl, {
      headers: { cookie: milad, accept: 'application/json' },
      redirect: 'manual',
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({
      error: 'oauth_state_invalid',
      message: expect.stringContaining('schon verwendet'),
    });

    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'not-a-state-we-issued');
    const unknown = await fetch(forged, {
      headers: { cookie: milad, accept: 'application/json' },
      redirect: 'manual',
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toContain('Unbekannter state');

    // Started by Milad, completed in the admin's session.
    const started = await fetch(`${stack.url}/oauth/webex/start`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'kind=user',
      redirect: 'manual',
    });
    const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
    const foreign = await fetch(`${stack.url}/oauth/webex/callback?code=x&state=${state}`, {
      headers: { cookie: admin, accept: 'application/json' },
    });
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).message).toContain('anderen Sitzung');

    await stack.app.ctx.db
      .updateTable('oauth_states')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('used_at', 'is', null)
      .execute();
    const expired = await fetch(`${stack.url}/oauth/webex/callback?code=x&state=${state}`, {
      headers: { cookie: milad, accept: 'application/json' },
    });
    expect(expired.status).toBe(400);
    expect((await expired.json()).message).toContain('abgelaufen');
  });

  it('refreshes once for 50 concurrent calls with an expired access token', async () => {
    const conn = await connection();
    await stack.app.ctx.db
      .updateTable('webex_connections')
      .set({ access_expires_at: '2020-01-01T00:00:00.000Z' })
      .where('id', '=', conn.id)
      .execute();
    const before = stack.sim.oauth.tokenRequests.refresh_token;
    const client = stack.app.webex.tokens.clientFor(conn.id);
    const people = await Promise.all(
      Array.from({ length: 50 }, () => client.request<{ id: string }>('GET', '/people/me')),
    );
    expect(people.every((p) => p.id === stack.personId)).toBe(true);
    expect(stack.sim.oauth.tokenRequests.refresh_token - before).toBe(1);
    const after = await connection();
    expect(after.refresh_token_enc).not.toBe(conn.refresh_token_enc);
    expect(Date.parse(after.access_expires_at)).toBeGreaterThan(Date.now());
  });

  it('answers a 401 with one refresh and one retry', async () => {
    const conn = await connection();
    await fetch(`${stack.sim.url}/_sim/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expireAccessTokens: true }),
    });
    const before = stack.sim.oauth.tokenRequests.refresh_token;
    const me = await stack.app.webex.tokens.clientFor(conn.id).request<{ id: string }>('GET', '/people/me');
    expect(me.id).toBe(stack.personId);
    expect(stack.sim.oauth.tokenRequests.refresh_token - before).toBe(1);
  });

  it('repairs webhook drift: deleted, inactive, wrong URL, wrong secret', async () => {
    const [tel, rec] = [
      simHooks().find((h) => h.resource === 'telephony_calls')!,
      simHooks().find((h) => h.resource === 'convergedRecordings')!,
    ];
    stack.sim.state.webhooks.delete(rec.id);
    tel.status = 'inactive';
    tel.targetUrl = 'https://old.example.de/webhooks/webex';
    tel.secret = 'someone-changed-this-secret';
    const { reports, errors } = await stack.app.webex.upkeep();
    expect(errors).toEqual([]);
    expect(reports[0]!.actions.join(' | ')).toMatch(/angelegt: convergedRecordings/);
    expect(reports[0]!.actions.join(' | ')).toMatch(
      /repariert: telephony_calls: zeigte auf https:\/\/old.example.de\/webhooks\/webex, Secret wich ab, neues vergeben, war inaktiv, wieder aktiv/,
    );
    expect(reports[0]!.warnings).toEqual([]);
    expect(simHooks()).toHaveLength(2);
    expect(
      simHooks().every((h) => h.status === 'active' && h.targetUrl === `${stack.url}/webhooks/webex`),
    ).toBe(true);
    const { deliveries } = await stack.ring({ from: '030 123456', scenario: 'ringing' });
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    // Nothing left to do on the next run.
    expect((await stack.app.webex.upkeep()).reports[0]!.actions).toEqual([]);
    const log = await stack.app.ctx.db.selectFrom('webex_upkeep_log').select('action').execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['created', 'repaired']));
  });

  it('gives a webhook whose secret was sealed under a key no longer configured a fresh one', async () => {
    // As after reconnecting Webex with a new ENCRYPTION_KEY: the old webhook rows stay behind.
    const row = await stack.app.ctx.db
      .selectFrom('webex_webhooks')
      .selectAll()
      .where('resource', '=', 'telephony_calls')
      .executeTakeFirstOrThrow();
    await stack.app.ctx.db
      .updateTable('webex_webhooks')
      .set({ secret_enc: new SecretBox(generateKey()).seal('lost-secret', `webhook:${row.id}`) })
      .where('id', '=', row.id)
      .execute();
    const { reports, errors } = await stack.app.webex.upkeep();
    expect(errors).toEqual([]);
    expect(reports[0]!.actions).toEqual(['repariert: telephony_calls: Secret unbekannt, neues vergeben']);
    const { deliveries } = await stack.ring({ from: '030 123456', scenario: 'ringing' });
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it('marks a revoked connection "Neu verbinden nötig" and keeps storing incoming events', async () => {
    const conn = await connection();
    await fetch(`${stack.sim.url}/_sim/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revoke: true, personId: stack.personId }),
    });
    const before = stack.sim.oauth.tokenRequests.refresh_token;
    await expect(
      stack.app.webex.tokens.clientFor(conn.id).request('GET', '/people/me'),
    ).rejects.toMatchObject({ code: 'webex_not_connected' });
    // No retry loop: a second call does not ask Webex again.
    await expect(
      stack.app.webex.tokens.clientFor(conn.id).request('GET', '/people/me'),
    ).rejects.toMatchObject({ code: 'webex_not_connected' });
    expect(stack.sim.oauth.tokenRequests.refresh_token - before).toBe(1);
    expect(await connection()).toMatchObject({
      status: 'reauth_required',
      status_reason: expect.stringContaining('abgelehnt'),
    });

    const warnings = await fetch(`${stack.url}/api/webex/warnings`, { headers: { cookie: milad } }).then(
      (r) => r.json(),
    );
    expect(warnings.warnings[0].text).toContain('Neu verbinden nötig');

    // Webhooks still deliver, signed with the stored secret; CallBridge stores and applies them.
    const hook = simHooks().find((h) => h.resource === 'telephony_calls')!;
    const text = JSON.stringify({
      ...telephonyDelivery({ callId: 'after-revoke', personId: stack.personId }),
      id: hook.id,
    });
    const res = await fetch(`${stack.url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(text, hook.secret!) },
      body: text,
    });
    expect(res.status).toBe(200);
    expect(
      await stack.app.ctx.db
        .selectFrom('calls')
        .select('id')
        .where('webex_call_id', '=', 'after-revoke')
        .execute(),
    ).toHaveLength(1);
  });

  it('reconnecting with a missing scope warns about GDPR deletion; all scopes clear the warning', async () => {
    const { result } = await connectWebex(stack, milad, { dropScopes: ['spark:recordings_write'] });
    expect(result.status).toBe(303);
    let w = await fetch(`${stack.url}/api/webex/warnings`, { headers: { cookie: milad } }).then((r) =>
      r.json(),
    );
    expect(w.warnings.map((x: { text: string }) => x.text).join(' ')).toContain(
      'Aufnahmen können nicht gelöscht werden (DSGVO)',
    );
    await connectWebex(stack, milad);
    w = await fetch(`${stack.url}/api/webex/warnings`, { headers: { cookie: milad } }).then((r) => r.json());
    expect(w.warnings).toEqual([]);
    expect(await connection()).toMatchObject({ status: 'active' });
  });

  it('says a webhook it could not create for a missing scope as a warning, in German, never as success', async () => {
    const { result } = await connectWebex(stack, milad, { dropScopes: ['spark:recordings_read'] });
    expect(result.status).toBe(303);
    const location = new URL(result.headers.get('location')!, stack.url);
    expect(location.searchParams.get('hinweis') ?? '').not.toContain('convergedRecordings');
    expect(location.searchParams.get('warnung')).toBe(
      'Webhook convergedRecordings nicht angelegt: Berechtigung spark:recordings_read wurde bei Webex nicht erteilt',
    );
    const page = await fetch(location, { headers: { cookie: milad } }).then((r) => r.text());
    const flash = page.match(/<p class="flash"[^>]*>([^<]*)<\/p>/)?.[1] ?? '';
    expect(flash).toContain('Mit Webex verbunden');
    expect(flash).not.toContain('nicht angelegt');
    expect(page).toMatch(
      /<p class="warning-box" role="alert" id="sync-warning">Webhook convergedRecordings nicht angelegt/,
    );
    expect(page).not.toMatch(/skipped|not granted|secret unknown/);
    // A link someone else made (no signature for this session) cannot put words in the notice boxes.
    const forged = new URL('/webex', stack.url);
    forged.searchParams.set('verbunden', '1');
    forged.searchParams.set('warnung', 'Rufen Sie sofort 0900 123 an');
    forged.searchParams.set('sig', location.searchParams.get('sig')!);
    const shown = await fetch(forged, { headers: { cookie: milad } }).then((r) => r.text());
    expect(shown).not.toContain('0900 123');
    expect(shown).not.toContain('class="flash"');
    const otherSession = await fetch(location, { headers: { cookie: admin } }).then((r) => r.text());
    expect(otherSession).not.toContain('nicht angelegt');
    await connectWebex(stack, milad);
  });

  it('reports a denied consent in German and changes nothing', async () => {
    const before = await connection();
    const { result } = await connectWebex(stack, milad, { deny: true });
    expect(result.status).toBe(400);
    expect(await result.text()).toContain('Zugriff bei Webex abgelehnt');
    expect(await connection()).toEqual(before);
  });

  it('refuses an implausibly long Client-ID or Client-Secret and keeps the stored integration', async () => {
    const stored = () =>
      stack.app.ctx.db.selectFrom('webex_integration').selectAll().executeTakeFirstOrThrow();
    const before = await stored();
    for (const body of [
      { clientId: 'C'.repeat(5000), clientSecret: 'a-good-enough-secret' },
      { clientId: 'Cabcdefgh1234', clientSecret: 's'.repeat(5000) },
    ]) {
      const res = await fetch(`${stack.url}/webex/integration`, {
        method: 'POST',
        headers: { cookie: admin, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/zu lang/);
    }
    expect(await stored()).toEqual(before);
  });
});
