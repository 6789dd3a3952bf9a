import {
  GRAVITY_MAX_PAGE_SIZE, GravityEnvelopeSchema, GravityOrderListDataSchema, GravityOrderListRequestSchema, type GravityOrderListRequest,
} from './gravity-wire';
import { gravityJwt } from './gravity-jwt';
import { gravitySign } from './gravity-sign';
import { toGravityOrder, type GravityOrder } from './gravity-order';

/**
 * One call to Gravity's order report. Never throws for anything the upstream or the network does: every
 * outcome is a value, and a failure carries its class so the caller decides whether to wait and retry.
 */
export interface GravityPageQuery {
  url: string;
  appId: number;
  /** The secret `app_key`: it signs the call and never appears in an error or a log. */
  appKey: string;
  /** China-time calendar days, inclusive: `PayEventTime` filter. */
  fromDay: string;
  toDay: string;
  /** 1-based. */
  page: number;
  /** @default 500 (Gravity's maximum) */
  pageSize?: number;
  /** @default 30000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type GravityFailureKind = 'rate-limited' | 'auth' | 'bad-response' | 'network' | 'upstream';

export interface GravityPage {
  page: number;
  totalPages: number;
  totalNumber: number;
  orders: GravityOrder[];
}

export type GravityPageResult =
  | { ok: true; page: GravityPage }
  | { ok: false; kind: GravityFailureKind; retryable: boolean; message: string; httpStatus?: number; code?: number };

/**
 * Answers that mean "too many calls". The API page documents the limit but not its error; the fake answers
 * HTTP 429 with `code` 429, and a message mentioning 限频 / 频繁 is read the same way.
 */
const RATE_LIMIT_CODES = new Set([429, 10029]);
const AUTH_CODES = new Set([401, 403, 10001, 10002]);

export function buildOrderListBody(q: Omit<GravityPageQuery, 'url' | 'appKey' | 'timeoutMs' | 'signal'>): GravityOrderListRequest {
  const pageSize = q.pageSize ?? GRAVITY_MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > GRAVITY_MAX_PAGE_SIZE) {
    throw new RangeError(`page_size must be 1..${GRAVITY_MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  // Checked against the wire schema so a request the API page does not describe never leaves the relay.
  return GravityOrderListRequestSchema.parse({
    app_id: q.appId,
    user_filtering: {},
    event_filtering: { PayEventTime: [q.fromDay, q.toDay] },
    // A fixed order makes pages stable while a long pull waits between calls.
    order_by_list: [{ field: 'PayEventTime', sort: 0 }],
    page: q.page,
    page_size: pageSize,
  });
}

export async function fetchOrderPage(q: GravityPageQuery): Promise<GravityPageResult> {
  const body: Record<string, unknown> = { ...buildOrderListBody(q) };
  const sign = gravitySign(body, q.appKey);
  body.sign = sign;
  const timeout = AbortSignal.timeout(q.timeoutMs ?? 30_000);
  const signal = q.signal ? AbortSignal.any([q.signal, timeout]) : timeout;

  let status: number;
  let text: string;
  try {
    const res = await fetch(q.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: gravityJwt(q.appKey, sign) },
      body: JSON.stringify(body),
      signal,
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    if (q.signal?.aborted) throw q.signal.reason ?? err; // the caller stopped us: not an upstream failure
    const why = timeout.aborted ? `no answer within ${q.timeoutMs ?? 30_000} ms` : errorText(err);
    return { ok: false, kind: 'network', retryable: true, message: `Gravity unreachable: ${why}` };
  }
  return classifyResponse(status, text);
}

/** Pure: HTTP status + body text → a page or a classified failure. */
export function classifyResponse(status: number, text: string): GravityPageResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const env = GravityEnvelopeSchema.safeParse(json);
  const code = env.success ? env.data.code : undefined;
  const msg = env.success ? (env.data.msg ?? '') : '';
  const detail = `HTTP ${status}${code !== undefined ? `, code ${code}` : ''}${msg ? `: ${msg}` : ''}`;

  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code)) || /限频|频繁|rate limit/i.test(msg)) {
    return { ok: false, kind: 'rate-limited', retryable: true, message: `Gravity rate limit (${detail})`, httpStatus: status, code };
  }
  if (status === 401 || status === 403 || (code !== undefined && AUTH_CODES.has(code))) {
    return { ok: false, kind: 'auth', retryable: false, message: `Gravity refused the signature or app key (${detail})`, httpStatus: status, code };
  }
  if (status >= 500) {
    return { ok: false, kind: 'upstream', retryable: true, message: `Gravity server error (${detail})`, httpStatus: status, code };
  }
  if (!env.success) {
    return { ok: false, kind: 'bad-response', retryable: false, message: `Gravity answered something that is not its JSON envelope (HTTP ${status}): ${snippet(text)}`, httpStatus: status };
  }
  if (code !== 0 || status < 200 || status >= 300) {
    return { ok: false, kind: 'upstream', retryable: false, message: `Gravity error (${detail})`, httpStatus: status, code };
  }
  const data = GravityOrderListDataSchema.safeParse(env.data.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    return {
      ok: false,
      kind: 'bad-response',
      retryable: false,
      message: `Gravity's order list does not parse at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      httpStatus: status,
      code,
    };
  }
  const d = data.data;
  return {
    ok: true,
    page: { page: d.page_info.page, totalPages: d.page_info.total_page, totalNumber: d.page_info.total_number, orders: d.list.map(toGravityOrder) },
  };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(t.length > 120 ? `${t.slice(0, 120)}…` : t);
}
