import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The shared base of the fake upstreams: a real `node:http` server on 127.0.0.1 (port 0) that reads each
 * request, lets the subclass check it against its spec page, records what it accepted, and can be told to fail.
 *
 * Failure modes (a failed request is not recorded as accepted, except `lost-answer` and a processed `garbage`):
 * - `500`, `429`: that status with a short JSON body;
 * - `hang`: reads the request and never answers (the caller's timeout must fire);
 * - `close`: destroys the socket without an answer;
 * - `garbage`: a 200 whose body is not the success shape (each fake says which body, see `garbageBody`, and
 *   whether the request was processed first, see `garbageProcessed`);
 * - `lost-answer`: the upstream processes the request (it is recorded) and then the socket dies: the ambiguous
 *   failure after which a retry is the only accepted source of a duplicate;
 * - spec codes of one upstream: `10001` (Tianmu), `400` / `401` / `406` (Kakao).
 */
export type FailureMode =
  | '500'
  | '429'
  | 'hang'
  | 'close'
  | 'garbage'
  | 'lost-answer'
  | '10001'
  | '400'
  | '401'
  | '406';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The ids the request carried (order ids, guids), to count duplicates. */
  ids: string[];
  at: number;
}

export interface RejectedRequest extends Omit<RecordedRequest, 'ids'> {
  /** Why the fake refused it, one line per problem. */
  problems: string[];
}

/** What the subclass wants answered. `ids` present means the request was accepted and is recorded. */
export interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
  ids?: string[];
  problems?: string[];
}

export interface IncomingFakeRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StartedFake {
  /** What goes in the relay config: the full endpoint URL (WeChat: the `apiBase`). */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export interface FailureRate {
  /** Probability in [0, 1] that a request fails. */
  rate: number;
  /** Modes to pick from, uniformly. */
  modes: readonly FailureMode[];
  /** Seed of the RNG, so a run can be replayed. @default 1 */
  seed?: number;
}

export interface FakeServerOptions {
  /** Delay before every answer, to model a slow upstream. @default 0 */
  delayMs?: number;
  /** Largest body read; a larger one is cut off with 413. @default 1048576 */
  maxBodyBytes?: number;
}

/** mulberry32: tiny, seedable, good enough to pick failures reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export abstract class FakeUpstream {
  /** Requests the fake accepted, in arrival order. */
  readonly accepted: RecordedRequest[] = [];
  /** Requests that broke the spec. A correct sink leaves this empty. */
  readonly rejected: RejectedRequest[] = [];
  /** Requests answered with an injected failure, by mode. */
  readonly failures: Partial<Record<FailureMode, number>> = {};

  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private scripted: FailureMode[] = [];
  private random: { rate: number; modes: readonly FailureMode[]; next: () => number } | undefined;
  private readonly idCounts = new Map<string, number>();

  protected constructor(private readonly baseOptions: FakeServerOptions = {}) {}

  /** The path the fake serves; `start().url` is origin + this. */
  protected abstract readonly endpointPath: string;
  /** Checks one request against the spec and answers like the real upstream. */
  protected abstract handle(req: IncomingFakeRequest): FakeReply;
  /** The answer of a spec-specific failure mode, or undefined when this upstream has no such mode. */
  protected abstract failureReply(mode: FailureMode): FakeReply | undefined;
  /** The body of `garbage`: a 200 that is not this upstream's success shape. */
  protected abstract garbageBody(n: number): string;
  /**
   * Whether a `garbage` answer follows real processing. True where the spec makes the status the verdict
   * (Hive, Kakao: a 200 is success whatever the body says, so the request must be recorded or a correct relay
   * would look like it lost it); false where the body is the verdict (Tianmu `code`).
   */
  protected abstract readonly garbageProcessed: boolean;

  async start(): Promise<StartedFake> {
    if (this.server) throw new Error('fake already started');
    const server = http.createServer((req, res) => this.onRequest(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    return { url: origin + this.endpointPath, origin, close: () => this.close() };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Hanging requests would keep `close()` waiting forever: cut every socket first.
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `n` requests fail with `mode` (queued after any failures already scripted). */
  failNext(n: number, mode: FailureMode): this {
    this.assertMode(mode);
    for (let i = 0; i < n; i++) this.scripted.push(mode);
    return this;
  }

  /** Every request (after the scripted ones) fails with probability `rate`, with a seeded RNG; rate 0 stops it. */
  failRandomly(opts: FailureRate): this {
    opts.modes.forEach((m) => this.assertMode(m));
    if (opts.rate < 0 || opts.rate > 1) throw new RangeError('rate is in [0, 1]');
    this.random = opts.rate === 0 ? undefined : { rate: opts.rate, modes: opts.modes, next: seededRandom(opts.seed ?? 1) };
    return this;
  }

  /** Stops every injected failure. */
  heal(): this {
    this.scripted = [];
    this.random = undefined;
    return this;
  }

  /** Every id of every accepted request, in order (with repeats). */
  receivedIds(): string[] {
    return this.accepted.flatMap((r) => r.ids);
  }

  /** Distinct ids accepted. */
  uniqueIds(): Set<string> {
    return new Set(this.idCounts.keys());
  }

  /** How many accepted ids were seen before: total ids minus distinct ids. */
  duplicateCount(): number {
    let d = 0;
    for (const n of this.idCounts.values()) d += n - 1;
    return d;
  }

  /** How many times `id` was accepted. */
  countOf(id: string): number {
    return this.idCounts.get(id) ?? 0;
  }

  private assertMode(mode: FailureMode): void {
    if (!this.isGenericMode(mode) && this.failureReply(mode) === undefined) {
      throw new Error(`${this.constructor.name} has no failure mode ${mode}`);
    }
  }

  private isGenericMode(mode: FailureMode): boolean {
    return ['500', '429', 'hang', 'close', 'garbage', 'lost-answer'].includes(mode);
  }

  private nextFailure(): FailureMode | undefined {
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    if (this.random && this.random.next() < this.random.rate) {
      return this.random.modes[Math.floor(this.random.next() * this.random.modes.length)];
    }
    return undefined;
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const limit = this.baseOptions.maxBodyBytes ?? 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooBig = true;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooBig) return this.send(res, { status: 413, body: '{"error":"body too large"}' });
      const incoming: IncomingFakeRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const mode = this.nextFailure();
      if (mode) {
        this.failures[mode] = (this.failures[mode] ?? 0) + 1;
        this.fail(mode, incoming, req, res);
        return;
      }
      this.send(res, this.answer(incoming, req));
    });
  }

  private answer(incoming: IncomingFakeRequest, req: http.IncomingMessage): FakeReply {
    const reply = this.handle(incoming);
    const base = { method: incoming.method, url: req.url ?? '', headers: incoming.headers, body: incoming.body, at: Date.now() };
    if (reply.ids) {
      this.accepted.push({ ...base, ids: reply.ids });
      for (const id of reply.ids) this.idCounts.set(id, (this.idCounts.get(id) ?? 0) + 1);
    } else {
      this.rejected.push({ ...base, problems: reply.problems ?? [`status ${reply.status}`] });
    }
    return reply;
  }

  private fail(mode: FailureMode, incoming: IncomingFakeRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
    switch (mode) {
      case 'hang':
        return; // the socket stays open until the client gives up or close() cuts it
      case 'close':
        res.destroy();
        return;
      case 'lost-answer':
        this.answer(incoming, req);
        res.destroy();
        return;
      case '500':
        return this.send(res, { status: 500, body: '{"error":"internal error (injected)"}' });
      case '429':
        return this.send(res, { status: 429, body: '{"error":"too many requests (injected)"}', headers: { 'retry-after': '1' } });
      case 'garbage': {
        const garbage: FakeReply = { status: 200, body: this.garbageBody(this.failures.garbage ?? 0), headers: { 'content-type': 'text/html' } };
        if (!this.garbageProcessed) return this.send(res, garbage);
        const reply = this.answer(incoming, req);
        return this.send(res, reply.ids ? garbage : reply);
      }
      default: {
        const reply = this.failureReply(mode);
        if (!reply) throw new Error(`no failure mode ${mode}`);
        return this.send(res, reply);
      }
    }
  }

  private send(res: http.ServerResponse, reply: FakeReply): void {
    const write = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    };
    const delay = this.baseOptions.delayMs ?? 0;
    if (delay > 0) setTimeout(write, delay).unref();
    else write();
  }

  /** A JSON reply. */
  protected json(status: number, value: unknown, extra: Omit<FakeReply, 'status' | 'body'> = {}): FakeReply {
    return { status, body: JSON.stringify(value), ...extra };
  }
}

/** The media type and parameters of a Content-Type header, lower-cased: `application/json; charset=utf8`. */
export function parseContentType(value: string | undefined): { type: string; charset: string | undefined } {
  const [type = '', ...params] = (value ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return { type, charset };
}

/** Parses a JSON body, or says why it cannot. */
export function parseJsonBody(body: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, problem: `json parse error: ${(e as Error).message}` };
  }
}
