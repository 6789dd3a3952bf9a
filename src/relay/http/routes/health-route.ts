import { errorBody, sendJson, sendError } from '../json-response';
import type { RelayContext, RouteRequest } from '../relay-context';

/**
 * `GET /healthz`: 200 when storage answers, 503 otherwise (a load balancer takes the relay out): storage unreachable,
 * or under `storage.minFreeBytes` free (`{ok: false, reason}`).
 */
export async function handleHealth(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const space = await ctx.freeSpace?.check(ctx.now());
  if (space && !space.ok) {
    sendJson(r.res, 503, { ok: false, reason: space.reason, ...errorBody('STORAGE_LOW_SPACE', space.reason) });
    return;
  }
  try {
    const stats = await ctx.storage.stats();
    sendJson(r.res, 200, { ok: true, purchases: stats.purchases, deliveries: stats.deliveries });
  } catch (err) {
    ctx.log.error({ err }, 'health check: storage unreachable');
    sendError(r.res, 503, 'STORAGE_UNAVAILABLE', 'storage is unreachable');
  }
}
