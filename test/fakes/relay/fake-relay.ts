import * as http from 'http';
import type { AddressInfo } from 'net';
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
