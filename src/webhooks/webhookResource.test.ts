import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WebhookResources } from './webhookResource.ts';

const things = {
  resource: 'things',
  schema: z.object({ id: z.string().min(1) }).loose(),
  dedupeKey: (d: { id: string }, env: { event: string }) => `${d.id}|${env.event}`,
  lockKey: (d: { id: string }) => d.id,
  apply: async () => ({ status: 'processed' as const, outcome: 'ok', live: [] }),
};
const resources = new WebhookResources([things, { ...things, resource: 'others' }]);

describe('WebhookResources.parse', () => {
  it('validates envelope and data once and names the delivery by resource and key', () => {
    const d = resources.parse({ resource: 'things', event: 'created', data: { id: 'a', extra: 1 } });
    expect(d.data).toEqual({ id: 'a', extra: 1 });
    expect(d.registration).toBe(things);
    // Stored dedupe keys predate the registrations: the hash of `resource|key` must stay as it was.
    expect(d.dedupKey).toBe(createHash('sha256').update('things|a|created').digest('base64url'));
    expect(d.lockKey).toBe('things|a');
  });

  it('refuses a bad envelope, bad data and an unregistered resource', () => {
    expect(() => resources.parse({ resource: 'things', data: {} })).toThrow(/Webhook-Umschlag ungültig/);
    expect(() => resources.parse({ resource: 'things', event: 'x', data: { id: '' } })).toThrow(
      /things-Daten ungültig: id/,
    );
    try {
      resources.parse({ resource: 'messages', event: 'x', data: {} });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'unknown_resource', status: 422 });
      expect((err as { hint: string }).hint).toContain('things, others');
    }
  });

  it('takes each resource once', () => {
    expect(() => new WebhookResources([things, things])).toThrow(/twice/);
  });
});
