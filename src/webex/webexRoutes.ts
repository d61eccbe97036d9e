import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../auth/requestUser.ts';
import { connectionFindings } from './connectionHealth.ts';
import { listConnections, visibleTo } from './connectionStore.ts';
import { lineFindings } from './lineOwnership.ts';
import type { WebexService } from './webexService.ts';

/** The JSON side of Webex; the page and the connect flow are in src/web/pages/webexPage.ts. */
export const webexRoutes: FastifyPluginAsync<{ webex: WebexService }> = async (app, { webex }) => {
  const deps = webex.deps;
  const ctx = { config: deps.config };
  /** For the banner every page shows (popup.js): what is wrong with the viewer's Webex connections. */
  app.get('/api/webex/warnings', { config: { access: 'user' } }, async (req) => {
    const user = requireUser(req);
    const all = await listConnections(deps);
    const conns = all.filter((c) => visibleTo(user, c));
    return {
      warnings: [
        ...lineFindings(user, all, { handMadeWebhooks: Boolean(ctx.config.webhookSecret) }).map((f) => ({
          ...f,
          text: `${f.text} ${f.fix}`,
        })),
        ...conns.flatMap((c) => connectionFindings(c, ctx.config.tokenExpiryWarningDays)),
      ],
    };
  });
};
