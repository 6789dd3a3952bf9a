import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import type { RelayContext, RouteRequest } from '../relay-context';

/** `GET /v1/catalog?appId=&udid=`: delegated to the catalog service. */
export async function handleCatalog(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const appId = r.url.searchParams.get('appId') ?? '';
  const udid = r.url.searchParams.get('udid') ?? '';
  if (appId === '' || appId.length > 64) throw new HttpError(400, 'INVALID_QUERY', 'appId: required, at most 64 chars', 'appId');
  if (!ctx.games.has(appId)) throw new HttpError(400, 'UNKNOWN_APP', `appId: no game "${appId}" is configured on this relay`, 'appId');
  if (udid === '' || udid.length > 128) throw new HttpError(400, 'INVALID_QUERY', 'udid: required, at most 128 chars', 'udid');
  let answer;
  try {
    answer = await ctx.catalog.get(appId, udid);
  } catch (err) {
    ctx.log.error({ err, appId }, 'catalog service failed');
    throw new HttpError(502, 'CATALOG_UNAVAILABLE', 'the catalog is unavailable; retry later');
  }
  sendJson(r.res, answer.status, answer.body, answer.headers ?? {});
}
