import { PurchaseReportSchema, type PurchaseReport } from '../../../shared/schemas/purchase-report';
import { PurchasesRequestSchema, type ReportResult } from '../../../shared/schemas/relay-api';
import { enabledSinksOf, type GameConfig } from '../../config/config-schema';
import { revenueMode } from '../../platforms';
import { recordClaims } from '../../verification/record-claims';
import type { IngestItem } from '../../storage/storage';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import { paidAtOutsideWindow } from '../paid-at-window';
import { readJson } from '../read-json';
import type { RelayContext, RouteRequest } from '../relay-context';
import { firstIssue } from '../zod-issue';
import { authenticate } from './authenticate';

/**
 * `POST /v1/purchases`: each report is judged on its own (a bad one is `rejected`, the rest land); the valid ones
 * are ingested together and the answer is sent only once their commit is durable.
 */
export async function handlePurchases(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const session = authenticate(ctx, r.req);
  const limited = ctx.openidLimiter.take(`${session.appId}\n${session.openid}`, ctx.now());
  if (!limited.ok) {
    throw new HttpError(429, 'RATE_LIMITED', 'too many requests for this user; slow down', undefined, {
      'Retry-After': String(limited.retryAfterSeconds),
    });
  }
  const space = await ctx.freeSpace?.check(ctx.now());
  if (space && !space.ok) {
    // Before the body is read and before any report budget is spent: the client sends the same batch again later.
    throw new HttpError(503, 'STORAGE_LOW_SPACE', `${space.reason}: nothing was stored, send again later`, undefined, { 'Retry-After': '60' });
  }
  const body = await readJson(r.req, ctx.config.limits.bodyBytes);
  const envelope = PurchasesRequestSchema.safeParse(body);
  if (!envelope.success) {
    const { field, message } = firstIssue(envelope.error);
    throw new HttpError(400, 'INVALID_REQUEST', message, field);
  }
  const game = ctx.games.get(session.appId) as GameConfig;
  const sinks = enabledSinksOf(game);
  const verified = revenueMode(game) === 'verified';
  const receivedAt = ctx.now();
  const results: ReportResult[] = [];
  const items: IngestItem[] = [];
  const slots: number[] = [];
  envelope.data.reports.forEach((raw, i) => {
    const judged = judge(raw, i, session, receivedAt);
    if ('error' in judged) {
      results.push({ orderId: echoOrderId(raw), status: 'rejected', error: judged.error });
      return;
    }
    results.push({ orderId: judged.report.orderId, status: 'accepted' });
    slots.push(i);
    items.push({ report: judged.report, clientIp: r.ip, receivedAt, sinks });
  });
  if (items.length > 0) takeReports(ctx, session, items.length, receivedAt);
  if (items.length > 0 && verified) {
    // A verified game's reports are claims: kept, and delivered only once the platform proves them.
    let outcomes;
    try {
      outcomes = await recordClaims({ payments: ctx.storage.payments, prove: ctx.prove, log: ctx.log }, game, items);
    } catch (err) {
      ctx.reportLimiter.giveBack(session.appId, session.openid, items.length, ctx.now());
      ctx.log.error({ err, reports: items.length }, 'claims not stored: nothing acknowledged');
      throw new HttpError(503, 'STORAGE_UNAVAILABLE', 'the relay could not store the reports; nothing was acknowledged, send them again', undefined, {
        'Retry-After': '1',
      });
    }
    outcomes.forEach((o, k) => {
      const res = results[slots[k]];
      if (o.status !== 'conflict') {
        res.status = o.status;
        return;
      }
      res.status = 'rejected';
      res.error = `ORDER_ID_CONFLICT: reports[${slots[k]}].orderId is another player's order; not stored`;
      ctx.metrics.orderIdConflicts.inc();
    });
    ctx.reportLimiter.giveBack(session.appId, session.openid, outcomes.filter((o) => o.status !== 'accepted').length, ctx.now());
  } else if (items.length > 0) {
    const started = process.hrtime.bigint();
    let outcomes;
    try {
      outcomes = await ctx.storage.ingest(items);
    } catch (err) {
      ctx.reportLimiter.giveBack(session.appId, session.openid, items.length, ctx.now());
      ctx.log.error({ err, reports: items.length }, 'ingest failed: nothing acknowledged');
      throw new HttpError(503, 'STORAGE_UNAVAILABLE', 'the relay could not store the reports; nothing was acknowledged, send them again', undefined, {
        'Retry-After': '1',
      });
    }
    ctx.metrics.ingestSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    outcomes.forEach((o, k) => {
      const res = results[slots[k]];
      res.status = o.status;
      if (o.status !== 'rejected') return;
      // The report is not stored and the client keeps it aside: it must never read as the stored purchase's echo.
      res.error = `${o.code}: reports[${slots[k]}].orderId is already stored for another purchase (${o.fields.join(', ')} differ); not stored`;
      ctx.metrics.orderIdConflicts.inc();
      ctx.log.warn({ appId: session.appId, orderId: res.orderId, fields: o.fields }, `${o.code}: a report claims an order id stored for another purchase`);
    });
    // What stored nothing spends nothing: a client resending after a lost answer is not held back by its own resend.
    ctx.reportLimiter.giveBack(session.appId, session.openid, outcomes.filter((o) => o.status !== 'accepted').length, ctx.now());
  }
  for (const res of results) ctx.metrics.reports.inc({ status: res.status });
  sendJson(r.res, 200, { results });
}

/**
 * Spends `n` reports of the player's and the game's budgets, or refuses the whole request with 429 before anything
 * is stored. The client keeps refused reports queued and sends them again after its backoff (429 is retryable).
 */
function takeReports(ctx: RelayContext, session: { appId: string; openid: string }, n: number, now: number): void {
  const taken = ctx.reportLimiter.take(session.appId, session.openid, n, now);
  if (taken.ok) return;
  ctx.metrics.reportLimitRefusals.inc({ limit: taken.limit });
  const limit = ctx.config.limits[taken.limit];
  throw new HttpError(
    429,
    'REPORT_LIMIT',
    `limits.${taken.limit} (${limit}) reached: none of these ${n} reports was stored; send them again after ${taken.retryAfterSeconds} s`,
    undefined,
    { 'Retry-After': String(taken.retryAfterSeconds) },
  );
}

function judge(raw: unknown, i: number, session: { appId: string; openid: string }, now: number): { report: PurchaseReport } | { error: string } {
  const parsed = PurchaseReportSchema.safeParse(raw);
  if (!parsed.success) return { error: firstIssue(parsed.error, `reports[${i}]`).message };
  const report = parsed.data;
  if (report.appId !== session.appId) return { error: `reports[${i}].appId: must equal the session's appId` };
  if (report.uid !== session.openid) return { error: `reports[${i}].uid: must equal the session's openid` };
  const late = paidAtOutsideWindow(report.paidAt, now);
  if (late) return { error: `reports[${i}].paidAt: ${late}` };
  return { report };
}

/** The order id of a rejected report as the client sent it, so the client can match the answer; never huge. */
function echoOrderId(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { orderId?: unknown }).orderId : undefined;
  return typeof id === 'string' ? id.slice(0, 128) : '';
}
