import type { WebexDeps } from './webexContext.ts';
import type { WebexTokens } from './webexTokens.ts';

/**
 * The ids of a person's calls in progress at Webex (`GET /telephony/calls`, Call Controls), or null when
 * that cannot be known: the list is of the token owner's own calls, so only the person's own connection
 * with `spark:calls_read` can answer; an organisation's token would list the admin's calls. The answer's
 * shape is taken defensively (`id`, else `callId`; anything but a list of items counts as "unknown").
 */
export async function activeCallIdsOf(
  deps: WebexDeps,
  tokens: WebexTokens,
  personId: string,
): Promise<Set<string> | null> {
  const conn = await deps.db
    .selectFrom('webex_connections')
    .select(['id', 'scopes'])
    .where('person_id', '=', personId)
    .where('kind', '=', 'user')
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!conn?.scopes.split(/\s+/).includes('spark:calls_read')) return null;
  try {
    const body = await tokens
      .clientFor(conn.id)
      .request<{ items?: unknown }>('GET', '/telephony/calls', { timeoutMs: 10_000 });
    if (!body || !Array.isArray(body.items)) return null;
    const ids = new Set<string>();
    for (const item of body.items as Record<string, unknown>[]) {
      const id = item?.['id'] ?? item?.['callId'];
      if (typeof id === 'string' && id) ids.add(id);
    }
    return ids;
  } catch (err) {
    deps.log.warn(
      { connectionId: conn.id, err: (err as Error).message },
      'active calls not readable at Webex',
    );
    return null;
  }
}
