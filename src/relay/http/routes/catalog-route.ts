import { catalogUdid } from '../../catalog/catalog-udid';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import type { RelayContext, RouteRequest } from '../relay-context';
import { authenticate } from './authenticate';

/**
 * `GET /v1/catalog` (Bearer session token): the catalog of the token's game with the token's player's own fields.
 * The player is the token's: a `udid` in the query (sent by older clients) is ignored, and an `appId` must be the
 * token's. See `catalog-udid.ts`.
 */
export async function handleCatalog(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const session = authenticate(ctx, r.req);
  const appId = r.url.searchParams.get('appId');
  if (appId !== null && appId !== session.appId) throw new HttpError(400, 'INVALID_QUERY', "appId: must equal the session's appId", 'appId');
  let answer;
  try {
    answer = await ctx.catalog.get(session.appId, catalogUdid(session.appId, session.openid));
  } catch (err) {
    ctx.log.error({ err, appId: session.appId }, 'catalog service failed');
    throw new HttpError(502, 'CATALOG_UNAVAILABLE', 'the catalog is unavailable; retry later');
  }
  sendJson(r.res, answer.status, answer.body, answer.headers ?? {});
}
