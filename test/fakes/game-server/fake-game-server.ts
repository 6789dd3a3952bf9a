import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers the next requests. */
export type GameServerMode =
  /** The catalog, 200. */
  | 'ok'
  /** HTTP 503 with an HTML error page. */
  | 'fail'
  /** 200 with a body that is not JSON. */
  | 'garbage'
  /** 200 with JSON that is not a catalog (`code` 500, the game server's own failure). */
  | 'error-code'
  /** 200 with JSON of the wrong shape entirely. */
  | 'wrong-shape'
  /** Headers sent, body never finished. */
  | 'hang-body'
  /** Never answers. */
  | 'hang'
  /** Closes the socket without an answer. */
  | 'reset'
  /** 200 with a body over the relay's size limit. */
  | 'huge';

export interface SeenRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/**
 * The game server's `/rechargePurchaseListV2` as a real HTTP server on 127.0.0.1. It checks requests the way the
 * spec page describes them (POST, JSON `{appId, udid}`, both strings: otherwise 400) and can fail on demand.
 * `catalogFor(udid)` builds each answer, so per-player fields can differ between udids.
 */
export class FakeGameServer {
  mode: GameServerMode = 'ok';
  readonly requests: SeenRequest[] = [];
  private server: Server | undefined;
  private readonly hanging = new Set<ServerResponse>();

  constructor(public catalogFor: (udid: string) => unknown) {}

  get url(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}/rechargePurchaseListV2`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    return this.url;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body });
    const b = body as { appId?: unknown; udid?: unknown } | undefined;
    if (req.method !== 'POST' || typeof b?.appId !== 'string' || typeof b.udid !== 'string') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":400,"msg":"appId and udid required"}');
      return;
    }
    switch (this.mode) {
      case 'ok':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.catalogFor(b.udid)));
      case 'fail':
        return void res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      case 'garbage':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":200,"data":{"creditPa');
      case 'error-code':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":500,"msg":"db error","data":null}');
      case 'wrong-shape':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('[1,2,3]');
      case 'hang-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"code":200,');
        this.hanging.add(res);
        return;
      case 'hang':
        this.hanging.add(res);
        return;
      case 'reset':
        return void req.socket.destroy();
      case 'huge':
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 200, data: { pad: 'x'.repeat(3 * 1024 * 1024) } }));
    }
  }
}
