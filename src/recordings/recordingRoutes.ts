import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/requestUser.ts';
import type { DB } from '../db/schema.ts';
import { onlyVisibleRecordings } from './recordingScope.ts';

/** The JSON view of recordings; the pages are in src/web/pages/recordingsPage.ts. */
export const recordingRoutes: FastifyPluginAsync<{ db: Kysely<DB> }> = async (app, ctx) => {
  app.get('/api/recordings', { config: { access: 'user' } }, async (req) => {
    const user = requireUser(req);
    return {
      items: await onlyVisibleRecordings(ctx.db.selectFrom('recordings'), user)
        .select([
          'id',
          'webex_recording_id',
          'step',
          'status',
          'attempts',
          'last_error',
          'inbox',
          'record_type',
          'record_id',
          'created_at',
          'done_at',
          'deleted_at_webex',
        ])
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute(),
    };
  });
};
