import * as http from 'http';
import * as crypto from 'crypto';
import type { AddressInfo } from 'net';
import { OrderRequestSchema } from '../../../src/shared/schemas/order-api';
import type { OrderPayment, OrderResponse } from '../../../src/shared/schemas/order-api';
import type { z } from 'zod';
import { PurchaseReportSchema } from '../../../src/shared/schemas/purchase-report';
import type { PurchaseReport } from '../../../src/shared/schemas/purchase-report';
import { PurchasesRequestSchema, SessionRequestSchema } from '../../../src/shared/schemas/relay-api';

/**
 * A fake relay: a real HTTP server on 127.0.0.1 speaking DESIGN.md's API, parsing bodies with the shared zod
 * schemas (so the client's reports are checked by the relay's own contract), idempotent on orderId.
 *
 * `mode` shapes the next answers: `ok`; `5xx` (503); `429`; `drop` (socket closed before any answer);
 * `drop-after-commit` (stores the batch, then closes the socket: the ambiguous failure that makes duplicates);
 * `garbage` (200 with a non-JSON body); `413` (body too large).
 */
export type RelayMode = 'ok' | '5xx' | '429' | 'drop' | 'drop-after-commit' | 'garbage' | '413';

/**
 * How `POST /v1/orders` answers: `item` (a signed `requestMidasPaymentGameItem`), `coins` (`requestMidasPayment`),
 * `not-enabled` (409 ORDERS_NOT_ENABLED: the game has no payment config, the default, as the demo relay for a game
 * without one), `stale` (401 SESSION_KEY_STALE), `unknown-product` / `not-payable` (400), `5xx` (503), `drop` (socket
 * closed), `404` (a relay older than the endpoint), `hang` (never answers).
 */
export type OrdersMode = 'item' | 'coins' | 'not-enabled' | 'stale' | 'unknown-product' | 'not-payable' | '5xx' | 'drop' | '404' | 'hang';

/** The keys the fake signs with (test values: a real relay keeps them secret). */
export const FAKE_APP_KEY = 'fake-appkey-sandbox';
export const FAKE_SESSION_KEY = '9hAb/NEYUlkaMBEsmFgzig==';
const hmac = (key: string, data: string) => crypto.createHmac('sha256', key).update(data).digest('hex');

export class FakeRelay {
  mode: RelayMode = 'ok';
  /** Answers for the next requests, before `mode` applies. */
  script: RelayMode[] = [];
  /** Reports whose orderId is listed here are answered `rejected` with this reason. */
  reject = new Map<string, string>();
  /** A batch holding one of these order ids is refused whole with a 400 naming it (a malformed-body answer). */
  badRequest = new Set<string>();
  /** Answer 401 to every purchases call, whatever the token. */
  deny = false;
  /** How `POST /v1/orders` answers once `ordersScript` is empty. */
  orders: OrdersMode = 'not-enabled';
  /** Answers for the next order requests, before `orders` applies. */
  ordersScript: OrdersMode[] = [];
  /** The catalog the fake prices orders from (fen, CNY); `coins` mode buys price / 10 coins. */
  prices = new Map<string, number>([['500.picsh.cre', 600]]);
  /** Each order request the relay parsed (the shared zod schema), with the order it answered. */
  readonly orderRequests: Array<{ body: z.output<typeof OrderRequestSchema>; order?: OrderResponse }> = [];
  readonly accepted = new Map<string, PurchaseReport>();
  /** How many times each orderId was answered `accepted` (must never exceed 1). */
  readonly acceptCount = new Map<string, number>();
  readonly duplicates: string[] = [];
  readonly log: Array<{ path: string; status: number; reports?: number; auth?: string }> = [];
  private tokens = new Map<string, string>();
  private seq = 0;
  private server!: http.Server;
  url = '';

  constructor(readonly openid = 'oI2nx3EUnScOMVVBJBYq-1234567') {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Every token issued so far stops working (the next call gets a 401). */
  expireTokens(): void {
    this.tokens.clear();
  }

  posts(path: string): number {
    return this.log.filter((l) => l.path === path).length;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url || '').split('?')[0];
      const send = (status: number, body: unknown) => {
        this.log.push({ path, status, auth: req.headers.authorization });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
      } catch {
        return send(400, { error: { code: 'BAD_JSON', message: 'body is not JSON' } });
      }
      if (req.method === 'POST' && path === '/v1/session') {
        const p = SessionRequestSchema.safeParse(body);
        if (!p.success) return send(400, { error: { code: 'BAD_REQUEST', message: 'bad session request', field: 'code' } });
        const token = `tok-${++this.seq}`;
        this.tokens.set(token, this.openid);
        return send(200, { token, openid: this.openid, expiresAt: Date.now() + 3600000 });
      }
      if (req.method === 'POST' && path === '/v1/orders') return this.order(req, body, send);
      if (req.method === 'POST' && path === '/v1/purchases') {
        const mode = this.script.shift() ?? this.mode;
        if (mode === 'drop') return void req.socket.destroy();
        const openid = this.tokens.get((req.headers.authorization || '').replace(/^Bearer /, ''));
        if (!openid || this.deny) return send(401, { error: { code: 'UNAUTHORIZED', message: 'invalid token' } });
        if (mode === '5xx') return send(503, { error: { code: 'UNAVAILABLE', message: 'try later' } });
        if (mode === '429') return send(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } });
        if (mode === '413') return send(413, { error: { code: 'TOO_LARGE', message: 'body too large' } });
        const env = PurchasesRequestSchema.safeParse(body);
        if (!env.success) return send(400, { error: { code: 'BAD_REQUEST', message: 'reports must be 1..50', field: 'reports' } });
        const bad = env.data.reports.findIndex((r) => this.badRequest.has(String((r as { orderId?: unknown })?.orderId)));
        if (bad >= 0) return send(400, { error: { code: 'BAD_REQUEST', message: 'malformed report', field: `reports.${bad}.amount` } });
        const results = env.data.reports.map((raw) => this.ingest(raw, openid));
        this.log.push({ path: path + '#reports', status: 0, reports: results.length });
        if (mode === 'drop-after-commit') return void req.socket.destroy();
        if (mode === 'garbage') {
          this.log.push({ path, status: 200 });
          res.writeHead(200, { 'content-type': 'text/html' });
          return void res.end('<html>gateway</html>');
        }
        return send(200, { results });
      }
      send(404, { error: { code: 'NOT_FOUND', message: path } });
    });
  }

  private order(req: http.IncomingMessage, raw: unknown, send: (status: number, body: unknown) => void): void {
    const mode = this.ordersScript.shift() ?? this.orders;
    if (mode === 'drop') return void req.socket.destroy();
    if (mode === '404') return send(404, { error: { code: 'NOT_FOUND', message: '/v1/orders' } });
    if (!this.tokens.get((req.headers.authorization || '').replace(/^Bearer /, ''))) {
      return send(401, { error: { code: 'UNAUTHORIZED', message: 'invalid token' } });
    }
    const p = OrderRequestSchema.safeParse(raw);
    if (!p.success) return send(400, { error: { code: 'BAD_REQUEST', message: p.error.message, field: String(p.error.issues[0]?.path.join('.')) } });
    const entry: (typeof this.orderRequests)[number] = { body: p.data };
    this.orderRequests.push(entry);
    if (mode === 'hang') return;
    if (mode === 'not-enabled') return send(409, { error: { code: 'ORDERS_NOT_ENABLED', message: 'the game has no payment config' } });
    if (mode === 'stale') return send(401, { error: { code: 'SESSION_KEY_STALE', message: 'log in again' } });
    if (mode === '5xx') return send(503, { error: { code: 'UNAVAILABLE', message: 'try later' } });
    const price = this.prices.get(p.data.productId);
    if (mode === 'unknown-product' || price === undefined) {
      return send(400, { error: { code: 'UNKNOWN_PRODUCT', message: 'no such product', field: 'productId' } });
    }
    if (mode === 'not-payable') return send(400, { error: { code: 'PRICE_NOT_PAYABLE', message: 'not a price tier', field: 'productId' } });
    const orderId = 'r' + crypto.randomBytes(12).toString('hex');
    const payment: OrderPayment =
      mode === 'coins'
        ? { api: 'requestMidasPayment', mode: 'game', env: 1, offerId: '1450000000', currencyType: 'CNY', platform: 'android', buyQuantity: (price * p.data.quantity) / 10, zoneId: '1', outTradeNo: orderId }
        : this.signedItem(orderId, p.data.productId, price, p.data.quantity);
    entry.order = { orderId, productId: p.data.productId, amount: price * p.data.quantity, currency: 'CNY', env: 1, payment };
    send(200, entry.order);
  }

  /** The item purchase as the spec page signs it: signData a JSON string, paySig with the AppKey, signature with the session_key. */
  private signedItem(orderId: string, productId: string, price: number, quantity: number): OrderPayment {
    // Key order and spacing as a server would write them: the client must not re-serialise this string.
    const signData = `{"mode": "goods", "offerId": "1450000000", "buyQuantity": ${quantity}, "env": 1, "currencyType": "CNY", "platform": "android", "zoneId": "1", "productId": "${productId}", "goodsPrice": ${price}, "outTradeNo": "${orderId}", "attach": "${orderId}"}`;
    return {
      api: 'requestMidasPaymentGameItem',
      signData,
      paySig: hmac(FAKE_APP_KEY, 'requestMidasPaymentGameItem&' + signData),
      signature: hmac(FAKE_SESSION_KEY, signData),
    };
  }

  private ingest(raw: unknown, openid: string): { orderId: string; status: string; error?: string } {
    const orderId = String((raw as { orderId?: unknown })?.orderId ?? '');
    const p = PurchaseReportSchema.safeParse(raw);
    if (!p.success) return { orderId, status: 'rejected', error: p.error.issues.map((i) => i.path.join('.')).join(',') };
    if (p.data.uid !== openid) return { orderId, status: 'rejected', error: 'uid is not the session openid' };
    const why = this.reject.get(orderId);
    if (why) return { orderId, status: 'rejected', error: why };
    if (this.accepted.has(orderId)) {
      this.duplicates.push(orderId);
      return { orderId, status: 'duplicate' };
    }
    this.accepted.set(orderId, p.data);
    this.acceptCount.set(orderId, (this.acceptCount.get(orderId) || 0) + 1);
    return { orderId, status: 'accepted' };
  }
}
