import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, type Stack, startStack } from '../support/stack.ts';
import { configureIntegrationAsAdmin, connectWebex } from '../support/webexConnect.ts';

/** "Lines belong to their people": connecting as a Webex person who is someone else's line. */
describe('Webex line ownership', () => {
  let stack: Stack;
  let milad: string;
  let sabine: string;
  let admin: string;
  const userRow = (username: string) =>
    stack.app.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  const connections = () =>
    stack.app.ctx.db.selectFrom('webex_connections').selectAll().orderBy('created_at').execute();
  const warnings = async (cookie: string) =>
    (
      (await fetch(`${stack.url}/api/webex/warnings`, { headers: { cookie } }).then((r) => r.json())) as {
        warnings: { code: string; text: string }[];
      }
    ).warnings;

  beforeAll(async () => {
    // Without WEBEX_WEBHOOK_SECRET: no hand-made webhooks, so CallBridge knows which lines are delivered.
    stack = await startStack({ webhookSecret: undefined });
    milad = await stack.login('milad', 'milad-password');
    sabine = await stack.login('sabine', 'sabine-password');
    admin = await stack.login('admin', 'admin-password');
    await configureIntegrationAsAdmin(stack, admin, CLIENT_ID, CLIENT_SECRET);
    const { result } = await connectWebex(stack, milad);
    expect(result.status).toBe(303);
  });
  afterAll(() => stack?.close());

  it("refuses an admin connecting as milad's Webex person, naming both users, and changes nothing", async () => {
    const before = await connections();
    const { result } = await connectWebex(stack, admin, { personId: stack.personId });
    expect(result.status).toBe(409);
    const page = await result.text();
    expect(page).toContain('Diese Webex-Leitung gehört schon jemandem');
    expect(page).toMatch(/Leitung von <strong>Milad K\.<\/strong> \(milad\)/);
    expect(page).toMatch(/Angemeldet bei CallBridge sind Sie als <strong>admin<\/strong>/);
    expect(page).toContain('Es wurde nichts geändert.');
    expect(page).toContain('id="connect-org-instead"');
    expect(page).toContain(`name="takeover" value="${stack.personId}"`);
    expect(await connections()).toEqual(before);
    expect((await userRow('milad')).webex_person_id).toBe(stack.personId);
    expect((await userRow('admin')).webex_person_id).toBeNull();
    expect(await warnings(milad)).toEqual([]);
  });

  it('answers an API client with the German error and its details', async () => {
    const start = await fetch(`${stack.url}/oauth/webex/start`, {
      method: 'POST',
      headers: { cookie: admin, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'kind=user',
      redirect: 'manual',
    });
    const authorize = new URL(start.headers.get('location')!);
    const form = new URLSearchParams({
      redirect_uri: authorize.searchParams.get('redirect_uri')!,
      state: authorize.searchParams.get('state')!,
      personId: stack.personId,
      decision: 'approve',
    });
    for (const s of authorize.searchParams.get('scope')!.split(' ')) form.append('scope', s);
    const decision = await fetch(`${stack.sim.url}/v1/authorize/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    const res = await fetch(decision.headers.get('location')!, {
      headers: { cookie: admin, accept: 'application/json' },
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: 'webex_person_taken',
      message: expect.stringContaining('ist schon die Leitung von Milad K. (milad)'),
      hint: expect.stringContaining('Organisation verbinden'),
      details: { owner: { username: 'milad' }, viewer: { username: 'admin', isAdmin: true } },
    });
  });

  it("refuses a recruiter, who may not take another's line over", async () => {
    const { result } = await connectWebex(stack, sabine, { personId: stack.personId });
    expect(result.status).toBe(409);
    const page = await result.text();
    expect(page).toContain('Nur ein Admin kann eine Leitung einem anderen Benutzer geben');
    expect(page).not.toContain('name="takeover"');
    await expect(connectWebex(stack, sabine, { takeover: stack.personId })).rejects.toThrow(
      /start refused: 403/,
    );
    expect((await userRow('milad')).webex_person_id).toBe(stack.personId);
    expect((await userRow('sabine')).webex_person_id).toBe(stack.otherPersonId);
  });

  it("connects the organisation without touching anyone's line", async () => {
    const { result } = await connectWebex(stack, admin, { kind: 'org', personId: stack.personId });
    expect(result.status).toBe(303);
    const org = (await connections()).find((c) => c.kind === 'org');
    expect(org).toMatchObject({ status: 'active', person_id: stack.personId });
    expect((await userRow('milad')).webex_person_id).toBe(stack.personId);
    expect((await userRow('admin')).webex_person_id).toBeNull();
    // Sabine's line is now delivered by the organisation's connection.
    expect((await warnings(sabine)).filter((w) => w.code?.startsWith('line_'))).toEqual([]);
    await stack.app.ctx.db.deleteFrom('webex_webhooks').where('connection_id', '=', org!.id).execute();
    await stack.app.ctx.db.deleteFrom('webex_connections').where('id', '=', org!.id).execute();
  });

  it('tells a recruiter whose line no connection delivers', async () => {
    const w = await warnings(sabine);
    expect(w.map((x) => x.code)).toEqual(['line_not_delivered']);
    expect(w[0]!.text).toContain('Ihre Webex-Leitung ist verknüpft, aber keine aktive Webex-Verbindung');
    expect(w[0]!.text).toContain('„Mit Webex verbinden“');
  });

  it('takes the line over only when the admin confirmed it for that person; milad then sees his line is gone', async () => {
    const { result } = await connectWebex(stack, admin, {
      personId: stack.personId,
      takeover: stack.personId,
    });
    expect(result.status).toBe(303);
    expect((await userRow('admin')).webex_person_id).toBe(stack.personId);
    expect((await userRow('milad')).webex_person_id).toBeNull();
    const log = await stack.app.ctx.db
      .selectFrom('webex_upkeep_log')
      .selectAll()
      .where('action', '=', 'line_taken_over')
      .execute();
    expect(log.map((l) => l.detail)).toEqual(['Leitung Milad Karimi von milad übernommen']);
    const w = await warnings(milad);
    expect(w[0]).toMatchObject({ code: 'line_unlinked' });
    expect(w[0]!.text).toContain('Ihre Webex-Leitung ist nicht verbunden');
    const webexPage = await fetch(`${stack.url}/webex`, { headers: { cookie: admin } }).then((r) => r.text());
    expect(webexPage).toContain('Leitung übernommen – Leitung Milad Karimi von milad übernommen');
  });

  it('a confirmation for one person does not take over another', async () => {
    // The admin now holds milad's old line; a takeover confirmed for it cannot move sabine's.
    const { result } = await connectWebex(stack, admin, {
      personId: stack.otherPersonId,
      takeover: stack.personId,
    });
    expect(result.status).toBe(409);
    expect((await userRow('sabine')).webex_person_id).toBe(stack.otherPersonId);
  });
});
