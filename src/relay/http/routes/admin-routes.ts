import { z } from 'zod';
import { SINK_NAMES } from '../../config/config-schema';
import { EVENT_KINDS } from '../../storage/payment-rows';
import type { PaymentEventKind } from '../../storage/payment-store';
import { constantTimeEqual } from '../../session/constant-time';
import { bearerToken } from '../bearer-token';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import type { RelayContext, RouteRequest } from '../relay-context';
import { firstIssue } from '../zod-issue';

const ListQuerySchema = z.object({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  sink: z.enum(SINK_NAMES).optional(),
  app: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function requireAdmin(ctx: RelayContext, r: RouteRequest): void {
  const expected = ctx.config.adminToken;
  if (expected === undefined) throw new HttpError(403, 'ADMIN_DISABLED', 'the admin API is off: no adminToken is configured');
  const token = bearerToken(r.req);
  // Compared in constant time, and the same answer for a missing or a wrong token.
  if (token === undefined || !constantTimeEqual(token, expected)) {
    throw new HttpError(401, 'UNAUTHENTICATED', 'authorization: send "Authorization: Bearer <adminToken>"', 'authorization');
  }
}

/** `GET /admin/deliveries?status=dead&sink=&app=&limit=` */
export async function handleListDeliveries(ctx: RelayContext, r: RouteRequest): Promise<void> {
  requireAdmin(ctx, r);
  const parsed = ListQuerySchema.safeParse(Object.fromEntries(r.url.searchParams));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new HttpError(400, 'INVALID_QUERY', message, field);
  }
  const { status, sink, app, limit } = parsed.data;
  const deliveries = await ctx.storage.listDeliveries({ status, sink, appId: app, limit });
  sendJson(r.res, 200, { deliveries });
}

/** `POST /admin/deliveries/:id/retry`: a dead delivery goes back to pending, due now. */
export async function handleRetryOne(ctx: RelayContext, r: RouteRequest): Promise<void> {
  requireAdmin(ctx, r);
  const id = Number(r.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'INVALID_ID', 'id: a delivery id is a positive integer', 'id');
  const retried = await ctx.storage.retryDead([id], ctx.now());
  if (retried === 0) throw new HttpError(404, 'NOT_DEAD', `id: no dead delivery ${id}`, 'id');
  ctx.log.info({ deliveryId: id }, 'admin: dead delivery re-queued');
  sendJson(r.res, 200, { retried });
}

/** `POST /admin/deliveries/retry-dead`: every dead delivery goes back to pending. */
export async function handleRetryAllDead(ctx: RelayContext, r: RouteRequest): Promise<void> {
  requireAdmin(ctx, r);
  const retried = await ctx.storage.retryDead('all', ctx.now());
  ctx.log.info({ retried }, 'admin: all dead deliveries re-queued');
  sendJson(r.res, 200, { retried });
}

const OrdersQuerySchema = z.object({
  state: z.enum(['pending', 'paid', 'sandbox', 'unverified']).optional(),
  app: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /admin/orders?state=unverified&app=&limit=`: orders and how far their proof got (no secret in them). */
export async function handleListOrders(ctx: RelayContext, r: RouteRequest): Promise<void> {
  requireAdmin(ctx, r);
  const parsed = OrdersQuerySchema.safeParse(Object.fromEntries(r.url.searchParams));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new HttpError(400, 'INVALID_QUERY', message, field);
  }
  const { state, app, limit } = parsed.data;
  const orders = await ctx.storage.payments.listOrders({ state, appId: app, limit });
  sendJson(r.res, 200, { orders });
}

const EventsQuerySchema = z.object({
  kind: z.enum(EVENT_KINDS as [PaymentEventKind, ...PaymentEventKind[]]).optional(),
  app: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /admin/payment-events?kind=anomaly|refund|non-cash|...&app=&limit=`: what the platforms said that did not become revenue. */
export async function handleListPaymentEvents(ctx: RelayContext, r: RouteRequest): Promise<void> {
  requireAdmin(ctx, r);
  const parsed = EventsQuerySchema.safeParse(Object.fromEntries(r.url.searchParams));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new HttpError(400, 'INVALID_QUERY', message, field);
  }
  const { kind, app, limit } = parsed.data;
  const events = await ctx.storage.payments.listEvents({ kind, appId: app, limit });
  sendJson(r.res, 200, { events });
}
