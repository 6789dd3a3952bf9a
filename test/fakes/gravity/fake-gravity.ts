import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sampleResponse from './fixtures/gravity-order-list.response.json';

/**
 * A Gravity Engine order report on 127.0.0.1 that checks calls the way the API page and the notes describe:
 * it recomputes `sign` and verifies the `Authorization` JWT with its own code (not the relay's), refuses a
 * call inside the interval, enforces `page_size` <= 500, filters by `PayEventTime` and pages.
 *
 * Error answers (the real API documents none; these are our choice, documented in the README):
 * - bad sign or JWT, unknown app: HTTP 401, `{"code": 401, "msg": ...}`
 * - inside the interval:          HTTP 429, `{"code": 429, "msg": "接口限频：每 10 分钟 1 次"}`
 * - malformed body, page_size:    HTTP 400, `{"code": 400, "msg": ...}`
 */
export interface FakeGravityOrder {
  orderId: string;
  /** Gravity's own id; defaults to `ge_<orderId>`. */
  traceId?: string;
  /** Fen. */
  amount: number;
  /** `YYYY-MM-DD HH:mm:ss`, China time. */
  payEventTime: string;
  /** As the report writes it: `未回传`, `回传成功`, `回传失败`, `回传跳过`. */
  status: string;
  /** When set, `event$order_id` is this value instead of `orderId` (0 = the game sent none). */
  eventOrderId?: string | number;
}

export interface FakeGravityApp {
  appId: number;
  appKey: string;
  orders: FakeGravityOrder[];
}

export interface FakeGravityOptions {
  apps: FakeGravityApp[];
  /** Calls per app key are refused inside this interval. */
  minCallIntervalMs: number;
  /** The fake's clock; share it with the relay's injected clock. @default Date.now */
  now?: () => number;
}

export interface FakeCall {
  at: number;
  appId: number | undefined;
  page: number | undefined;
  pageSize: number | undefined;
  status: number;
  code: number;
  msg: string;
  body: Record<string, unknown> | undefined;
  authorization: string | undefined;
}

export type FakeFault = 'garbage' | 'server-error' | 'bad-row' | 'hang';

export class FakeGravity {
  readonly calls: FakeCall[] = [];
  private server: Server | undefined;
  private readonly lastServed = new Map<string, number>();
  private readonly faults: FakeFault[] = [];
  private readonly pageFaults = new Map<number, FakeFault>();
  private readonly now: () => number;
  url = '';

  constructor(private readonly opts: FakeGravityOptions) {
    this.now = opts.now ?? Date.now;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/openapi/api/v1/report/order/list/`;
    return this;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The next call (after the sign, JWT and interval checks pass) answers with this fault instead. */
  injectFault(fault: FakeFault): void {
    this.faults.push(fault);
  }

  /** Every call for `page` answers with `fault` (until cleared with `undefined`). */
  faultOnPage(page: number, fault: FakeFault | undefined): void {
    if (fault) this.pageFaults.set(page, fault);
    else this.pageFaults.delete(page);
  }

  /** Calls the fake served with a page (HTTP 200, code 0). */
  served(): FakeCall[] {
    return this.calls.filter((c) => c.status === 200 && c.code === 0);
  }

  app(appId: number): FakeGravityApp | undefined {
    return this.opts.apps.find((a) => a.appId === appId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const call: FakeCall = {
      at: this.now(), appId: undefined, page: undefined, pageSize: undefined, status: 0, code: 0, msg: '',
      body: undefined, authorization: header(req, 'authorization'),
    };
    this.calls.push(call);
    const answer = (status: number, code: number, msg: string, data: unknown = null) => {
      Object.assign(call, { status, code, msg });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data, extra: null, code, msg }));
    };

    if (req.method !== 'POST' || !req.url?.startsWith('/openapi/api/v1/report/order/list/')) return answer(404, 404, 'not found');
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return answer(400, 400, '请求体不是 JSON');
    }
    call.body = body;
    call.appId = typeof body.app_id === 'number' ? body.app_id : undefined;
    call.page = typeof body.page === 'number' ? body.page : undefined;
    call.pageSize = typeof body.page_size === 'number' ? body.page_size : undefined;

    const app = call.appId === undefined ? undefined : this.app(call.appId);
    if (!app) return answer(401, 401, 'app_id 不存在或无权限');
    const expected = fakeSign(body, app.appKey);
    if (body.sign !== expected) return answer(401, 401, 'sign 校验失败');
    const jwt = checkJwt(call.authorization, expected, app.appKey);
    if (jwt) return answer(401, 401, jwt);

    const now = this.now();
    const last = this.lastServed.get(app.appKey);
    if (last !== undefined && now - last < this.opts.minCallIntervalMs) return answer(429, 429, '接口限频：每 10 分钟 1 次');

    const page = body.page ?? 1;
    const pageSize = body.page_size ?? 20;
    if (!Number.isInteger(page) || (page as number) < 1) return answer(400, 400, 'page 从 1 开始');
    if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > 500) return answer(400, 400, 'page_size 最大支持 500');
    if (typeof body.user_filtering !== 'object' || typeof body.event_filtering !== 'object') return answer(400, 400, 'user_filtering 和 event_filtering 必填');

    this.lastServed.set(app.appKey, now);
    const fault = this.pageFaults.get(page as number) ?? this.faults.shift();
    if (fault === 'hang') return; // never answers: the client's timeout must fire
    if (fault === 'garbage') {
      Object.assign(call, { status: 200, code: -1, msg: 'garbage' });
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>502 Bad Gateway</html>');
    }
    if (fault === 'server-error') return answer(500, 500, '服务器内部错误');

    const rows = select(app.orders, body.event_filtering as Record<string, unknown>, body.order_by_list);
    const p = page as number;
    const size = pageSize as number;
    const list = rows.slice((p - 1) * size, p * size).map(toWireRow);
    if (fault === 'bad-row' && list.length > 0) list[0] = { ...list[0], Amount: '9.99' };
    answer(200, 0, '成功', {
      page_info: { page: p, page_size: size, total_number: rows.length, total_page: Math.ceil(rows.length / size) },
      list,
      total: [{ Amount: rows.reduce((s, o) => s + o.amount, 0) }],
    });
  }
}

/** The notes' signature, written independently of `gravity-sign.ts`: sorted-key JSON via a replacer. */
export function fakeSign(body: Record<string, unknown>, appKey: string): string {
  const sortDeep = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortDeep)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(([k, x]) => [k, sortDeep(x)]))
        : v;
  const pairs = Object.entries(body)
    .filter(([k]) => k !== 'sign')
    .map(([k, v]) => `${k}=${JSON.stringify(sortDeep(v))}`)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const text = (pairs.join('&') + appKey).split('"').join('').split(' ').join('');
  return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');
}

function checkJwt(token: string | undefined, sign: string, appKey: string): string | undefined {
  if (!token) return '缺少 Authorization';
  const [h, p, s, extra] = token.split('.');
  if (!h || !p || !s || extra !== undefined) return 'Authorization 不是 JWT';
  const mac = createHmac('sha256', Buffer.from(sign, 'utf8')).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== mac.length || !timingSafeEqual(given, mac)) return 'Authorization 签名错误';
  try {
    const head = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (head.alg !== 'HS256') return 'Authorization 算法错误';
    if (Object.keys(payload).join(',') !== 'app_key' || payload.app_key !== appKey) return 'Authorization app_key 错误';
  } catch {
    return 'Authorization 不是 JWT';
  }
  return undefined;
}

function select(orders: readonly FakeGravityOrder[], filter: Record<string, unknown>, orderBy: unknown): FakeGravityOrder[] {
  let rows = [...orders];
  const range = filter.PayEventTime;
  if (Array.isArray(range) && range.length === 2) {
    const [from, to] = range as string[];
    rows = rows.filter((o) => o.payEventTime.slice(0, 10) >= from && o.payEventTime.slice(0, 10) <= to);
  }
  const first = Array.isArray(orderBy) ? (orderBy[0] as { field?: string; sort?: number } | undefined) : undefined;
  const dir = first?.sort === 1 ? -1 : 1;
  if (first?.field === 'PayEventTime') {
    rows.sort((a, b) => (a.payEventTime < b.payEventTime ? -dir : a.payEventTime > b.payEventTime ? dir : a.orderId < b.orderId ? -1 : 1));
  }
  return rows;
}

const SAMPLE_ROW = (sampleResponse as { data: { list: Record<string, unknown>[] } }).data.list[0];

function toWireRow(o: FakeGravityOrder): Record<string, unknown> {
  return {
    ...SAMPLE_ROW,
    TraceID: o.traceId ?? `ge_${o.orderId}`,
    'event$order_id': o.eventOrderId ?? o.orderId,
    Amount: o.amount,
    'event$pay_amount': o.amount,
    PayEventTime: o.payEventTime,
    Status: o.status,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
