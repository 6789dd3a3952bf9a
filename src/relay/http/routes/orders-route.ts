import { ORDER_ERROR_CODES, OrderRequestSchema, type OrderResponse } from '../../../shared/schemas/order-api';
import type { Catalog } from '../../../shared/schemas/catalog';
import { catalogUdid } from '../../catalog/catalog-udid';
import { findProduct, type CatalogProduct } from '../../catalog/find-product';
import type { GameConfig } from '../../config/config-schema';
import { platformOf } from '../../platforms';
import { createRelayOrderId } from '../../verification/order-id';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import { readJson } from '../read-json';
import type { RelayContext, RouteRequest } from '../relay-context';
import { firstIssue } from '../zod-issue';
import { authenticate } from './authenticate';

/**
 * `POST /v1/orders {productId, quantity?, context}`: the relay makes the order at the catalog's price, stores it
 * pending with its context, and answers what the client passes to the platform, signed. Money never comes from
 * the client.
 */
export async function handleOrders(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const session = authenticate(ctx, r.req);
  const game = ctx.games.get(session.appId) as GameConfig;
  const platform = platformOf(game);
  const deps = ctx.platformDeps?.(platform.name);
  if (!platform.payConfigured(game) || ctx.sessionKeys === undefined || deps === undefined) {
    throw new HttpError(409, ORDER_ERROR_CODES.notEnabled, 'this game has no payment config on the relay: make the order id on the client and report the purchase');
  }
  const body = await readJson(r.req, ctx.config.limits.bodyBytes);
  const parsed = OrderRequestSchema.safeParse(body);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new HttpError(400, 'INVALID_REQUEST', message, field);
  }
  const { productId, quantity, context } = parsed.data;
  const product = await catalogProduct(ctx, session.appId, session.openid, productId);
  if (product.currency !== 'CNY') {
    throw new HttpError(400, ORDER_ERROR_CODES.notPayable, `productId: ${productId} is priced in ${product.currency}; ${platform.label} pays in CNY`, 'productId');
  }
  const key = await ctx.sessionKeys.load(session.appId, session.openid);
  if (!key.ok) {
    throw new HttpError(401, ORDER_ERROR_CODES.sessionKeyStale, `the platform session of this player is ${key.reason}: log in again and retry`);
  }
  const orderId = createRelayOrderId();
  const made = await platform.createPayment(deps, game, { orderId, openid: session.openid, productId, unitPrice: product.price, quantity, sessionKey: key.key });
  if (!made.ok) {
    if (made.kind === 'not-payable') throw new HttpError(400, ORDER_ERROR_CODES.notPayable, made.message, 'productId');
    if (made.kind === 'session-stale') throw new HttpError(401, ORDER_ERROR_CODES.sessionKeyStale, made.message);
    throw new HttpError(502, 'PLATFORM_UNAVAILABLE', made.message, undefined, { 'Retry-After': '5' });
  }
  const now = ctx.now();
  const amount = product.price * quantity;
  await ctx.storage.payments.createOrder({
    appId: session.appId,
    orderId,
    uid: session.openid,
    productId,
    quantity,
    unitPrice: product.price,
    amount,
    currency: product.currency,
    env: made.env,
    context,
    clientIp: r.ip,
    createdAt: now,
    nextQueryAt: now + game.verification.queryAfterSeconds * 1000,
  });
  ctx.metrics.orders.inc({ appId: session.appId });
  const answer: OrderResponse = { orderId, productId, amount, currency: product.currency, env: made.env, payment: made.payment };
  sendJson(r.res, 200, answer);
}

async function catalogProduct(ctx: RelayContext, appId: string, openid: string, productId: string): Promise<CatalogProduct> {
  let answer;
  try {
    // The player's own copy (per-player prices and limits), asked under the same udid as GET /v1/catalog.
    answer = await ctx.catalog.get(appId, catalogUdid(appId, openid));
  } catch (err) {
    ctx.log.error({ err, appId }, 'catalog service failed while making an order');
    answer = undefined;
  }
  if (answer?.status !== 200) {
    throw new HttpError(503, 'CATALOG_UNAVAILABLE', 'the catalog is unavailable, so no price is known; retry later', undefined, { 'Retry-After': '5' });
  }
  const product = findProduct(answer.body as Catalog, productId);
  if (!product) throw new HttpError(400, ORDER_ERROR_CODES.unknownProduct, `productId: ${JSON.stringify(productId.slice(0, 64))} is not in the catalog`, 'productId');
  return product;
}
