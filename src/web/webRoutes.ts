import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import type { EventBus } from '../live/eventBus.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { AppError } from '../shared/errors.ts';
import { callScreenApi } from './callScreenApi.ts';
import { crmApi } from './crmApi.ts';
import { authPages } from './pages/authPages.ts';
import { callPages } from './pages/callPages.ts';
import { callScreenPage } from './pages/callScreenPage.ts';
import { extractedFieldsPage } from './pages/extractedFieldsPage.ts';
import { importPage } from './pages/importPage.ts';
import { inboxPage } from './pages/inboxPage.ts';
import { moveAssignmentPage } from './pages/moveAssignmentPage.ts';
import { privacyPages } from './pages/privacyPages.ts';
import { candidatePages, leadPages } from './pages/recordPages.ts';
import { tasksPage } from './pages/tasksPage.ts';
import { privacyApi } from './privacyApi.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Static assets, read once at start. */
function assets(): Map<string, { body: Buffer; type: string }> {
  const dir = new URL('./assets/', import.meta.url).pathname;
  const out = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    out.set(name, {
      body: readFileSync(join(dir, name)),
      type: TYPES[extname(name)] ?? 'application/octet-stream',
    });
  }
  return out;
}

export interface WebDeps {
  db: Kysely<DB>;
  bus: EventBus;
  phoneRules: PhoneRules;
  /** The settings the pages read; each page plugin is handed the ones it uses. */
  config: Pick<
    Config,
    | 'recordingConsentMode'
    | 'legacyBackendUrl'
    | 'secureCookies'
    | 'publicUrl'
    | 'sessionTtlHours'
    | 'loginMaxAttempts'
    | 'loginMaxAttemptsPerAddress'
    | 'loginLockMinutes'
  >;
}

/**
 * The recruiters' web app: server-rendered German pages, the pop-up script, and the JSON API.
 * Cross-site requests and roles are checked at the root for every route (src/http/access.ts).
 */
export const webRoutes: FastifyPluginAsync<WebDeps> = async (app, ctx) => {
  const files = assets();
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { config: { access: 'public' } },
    async (req, reply) => {
      const f = files.get(req.params.name);
      if (!f) throw new AppError('not_found', 'Datei nicht gefunden', { status: 404 });
      return reply.type(f.type).header('cache-control', 'public, max-age=300').send(f.body);
    },
  );

  const { db, bus, phoneRules, config } = ctx;
  await app.register(callPages, { db });
  await app.register(leadPages, { db, bus, phoneRules, config });
  await app.register(candidatePages, { db, bus, phoneRules, config });
  await app.register(privacyPages, { db });
  await app.register(authPages, { db, config });
  await app.register(tasksPage, { db });
  await app.register(inboxPage, { db, config });
  await app.register(importPage, { db, phoneRules });
  await app.register(extractedFieldsPage, { db });
  await app.register(moveAssignmentPage, { db });
  await app.register(callScreenPage, { db, bus, config });
  await app.register(crmApi, { db, phoneRules });
  await app.register(callScreenApi, { db, bus });
  await app.register(privacyApi, { db, phoneRules, config });
};
