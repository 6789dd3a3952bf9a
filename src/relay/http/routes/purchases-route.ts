import { PurchaseReportSchema, type PurchaseReport } from '../../../shared/schemas/purchase-report';
import { PurchasesRequestSchema, type ReportResult } from '../../../shared/schemas/relay-api';
import { enabledSinksOf, revenueMode, type GameConfig } from '../../config/config-schema';
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
  if (items.length > 0 && verified) {
    // A verified game's reports are claims: kept, and delivered only once the platform proves them.
    const outcomes = await recordClaims(ctx, game, items).catch((err: unknown) => {
      ctx.log.error({ err, reports: items.length }, 'claims not stored: nothing acknowledged');
      throw new HttpError(503, 'STORAGE_UNAVAILABLE', 'the relay could not store the reports; nothing was acknowledged, send them again', undefined, {
        'Retry-After': '1',
      });
    });
    outcomes.forEach((o, k) => {
      results[slots[k]] = o.status === 'conflict' ? { orderId: results[slots[k]].orderId, status: 'rejected', error: `ORDER_ID_CONFLICT: ${o.reason}` } : { ...results[slots[k]], status: o.status };
    });
  } else if (items.length > 0) {
    const started = process.hrtime.bigint();
    let outcomes;
    try {
      outcomes = await ctx.storage.ingest(items);
    } catch (err) {
      ctx.log.error({ err, reports: items.length }, 'ingest failed: nothing acknowledged');
      throw new HttpError(503, 'STORAGE_UNAVAILABLE', 'the relay could not store the reports; nothing was acknowledged, send them again', undefined, {
        'Retry-After': '1',
      });
    }
    ctx.metrics.ingestSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    outcomes.forEach((o, k) => {
      results[slots[k]].status = o.status;
    });
  }
  for (const res of results) ctx.metrics.reports.inc({ status: res.status });
  sendJson(r.res, 200, { results });
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
