import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../shared/errors.ts';
import type { DeliveryIntake } from './deliveryIntake.ts';
import { parseDeliveryJson } from './envelope.ts';
import { matchingSecrets, secretCovers, type WebhookSecret } from './signature.ts';

export interface WebhookRouteDeps {
  intake: DeliveryIntake;
  /** Secrets a delivery may be signed with: the configured one and those of registered webhooks. */
  secrets: () => Promise<WebhookSecret[]>;
  config: {
    /** WEBHOOK_BODY_LIMIT_BYTES: larger bodies get a 413 before anything is read. */
    webhookBodyLimitBytes: number;
    /** ALLOW_UNSIGNED_WEBHOOKS: with no secret at all, deliveries are taken unsigned (development). */
    allowUnsignedWebhooks: boolean;
  };
}

/**
 * `POST /webhooks/webex`: verify the signature on the raw bytes, validate, persist, apply, then 200.
 * Anything refused gets a 4xx with a reason and leaves no trace but a log line.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRouteDeps> = async (app, deps) => {
  const { config } = deps;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: config.webhookBodyLimitBytes },
    (_req, body, done) => done(null, body),
  );
  app.post(
    '/webhooks/webex',
    { config: { access: 'webhook' }, bodyLimit: config.webhookBodyLimitBytes },
    async (req, reply) => {
      const raw = req.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0) {
        throw new AppError('empty_body', 'Leerer Webhook-Body', { status: 400 });
      }
      const secrets = await deps.secrets();
      const signature = req.headers['x-spark-signature'];
      let matched: WebhookSecret[] | null = null;
      if (secrets.length === 0) {
        if (!config.allowUnsignedWebhooks) {
          throw new AppError(
            'webhook_secret_not_configured',
            'Kein Webhook-Secret konfiguriert; Zustellung abgelehnt',
            {
              status: 401,
              hint: 'WEBEX_WEBHOOK_SECRET setzen (und dasselbe Secret am Webex-Webhook) oder Webex verbinden, damit CallBridge eigene Webhooks registriert.',
            },
          );
        }
      } else if (typeof signature !== 'string' || signature === '') {
        throw new AppError('signature_missing', 'X-Spark-Signature fehlt', {
          status: 401,
          hint: 'Der Webex-Webhook muss mit einem Secret angelegt sein; siehe `callbridge webex webhooks list`.',
        });
      } else {
        matched = matchingSecrets(raw, signature, secrets);
        if (matched.length === 0) {
          throw new AppError('signature_invalid', 'X-Spark-Signature passt nicht zum Body', {
            status: 401,
            hint: 'Das Secret des Webhooks weicht von dem in CallBridge ab; `callbridge webex webhooks sync` ausführen.',
          });
        }
      }
      let json: unknown;
      const text = raw.toString('utf8');
      try {
        json = parseDeliveryJson(text);
      } catch {
        // JSON.parse's own words are English and quote the body; the sender gets the German verdict.
        throw new AppError('invalid_json', 'Body ist kein gültiges JSON', {
          status: 400,
          hint: 'Webex sendet JSON; eine abgeschnittene oder von Hand gebaute Zustellung neu senden.',
        });
      }
      const delivery = deps.intake.parse(json);
      // A registered webhook's secret vouches for that webhook's deliveries only: the recordings
      // webhook's secret cannot sign a call event.
      if (matched && !matched.some((m) => secretCovers(m, delivery.resource, delivery.envelope.id))) {
        throw new AppError(
          'signature_wrong_webhook',
          'X-Spark-Signature stammt vom Secret eines anderen Webhooks; Zustellung abgelehnt',
          {
            status: 401,
            hint: 'Jeder Webhook hat sein eigenes Secret. `callbridge webex webhooks sync` stellt die Webhooks bei Webex wieder her.',
          },
        );
      }
      const result = await deps.intake.take(delivery, text);
      if (result.duplicate)
        req.log.info({ resource: delivery.resource }, 'duplicate webhook delivery acknowledged');
      return reply.status(200).send({ received: true, duplicate: result.duplicate, status: result.status });
    },
  );
};
