import { readFileSync, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { ExtraRoute } from '../http/relay-context';
import type { Storage } from '../storage/storage';
import { HttpError } from '../http/http-error';
import { readJson } from '../http/read-json';
import { demoDeliveries } from './demo-deliveries';
import { pushSandboxPayment, type SandboxWechatKeys } from './sandbox-wechat';

export interface DemoRouteOptions {
  appId: string;
  /** The game's revenue mode (`revenueMode`), shown on the page. */
  revenue: 'verified' | 'reported';
  captureDir: string;
  /** The IIFE client runtime (global `MinigamePurchase`). */
  runtime: string;
  /** The relay's storage once started. */
  storage(): Storage;
  /**
   * The demo's sandbox WeChat (a game with `wechat.pay`): `POST /demo/api/paid {orderId}` pushes that order's
   * payment to the relay, signed as WeChat signs. Absent: no such route.
   */
  sandboxWechat?: { keys: SandboxWechatKeys; relayUrl(): string };
}

/**
 * `/demo` (the store page), `/demo/runtime.js`, `/demo/store-page.js`, `/demo/store-page.css`, `/demo/api/deliveries`
 * and, with a sandbox WeChat, `POST /demo/api/paid`.
 */
export function demoRoutes(o: DemoRouteOptions): ExtraRoute[] {
  const page = pageFiles();
  const revenue =
    o.revenue === 'verified'
      ? 'revenue: verified (sinks get only what the platform proved)'
      : 'revenue: reported (no payment config: sinks get what the client reports)';
  const html = page.html.replace(/\{\{appId\}\}/g, escapeHtml(o.appId)).replace(/\{\{revenue\}\}/g, escapeHtml(revenue)).replace(/\{\{revenueMode\}\}/g, o.revenue);
  const routes: ExtraRoute[] = [];
  const wechat = o.sandboxWechat;
  if (wechat) {
    routes.push({
      method: 'POST',
      prefix: '/demo/api/paid',
      async handle(req: IncomingMessage, res: ServerResponse) {
        const body = await readJson(req, 4096);
        const orderId = typeof body === 'object' && body !== null ? (body as { orderId?: unknown }).orderId : undefined;
        if (typeof orderId !== 'string' || orderId === '') throw new HttpError(400, 'INVALID_REQUEST', 'orderId: required', 'orderId');
        const r = await pushSandboxPayment({ storage: o.storage(), relayUrl: wechat.relayUrl(), appId: o.appId, keys: wechat.keys }, orderId);
        if (!r.ok) throw new HttpError(r.status, r.code, r.message, 'orderId');
        return send(res, 200, 'application/json', JSON.stringify({ pushed: { status: r.status, answer: r.answer } }));
      },
    });
  }
  routes.push(
    {
      method: 'GET',
      prefix: '/demo',
      async handle(req: IncomingMessage, res: ServerResponse) {
        const path = new URL(req.url ?? '/', 'http://demo').pathname;
        switch (path) {
          case '/demo':
          case '/demo/':
            return send(res, 200, 'text/html; charset=utf-8', html);
          case '/demo/runtime.js':
            return send(res, 200, 'text/javascript; charset=utf-8', o.runtime);
          case '/demo/store-page.js':
            return send(res, 200, 'text/javascript; charset=utf-8', page.script);
          case '/demo/store-page.css':
            return send(res, 200, 'text/css; charset=utf-8', page.css);
          case '/demo/api/deliveries': {
            const purchases = await demoDeliveries(o.storage(), o.appId, o.captureDir);
            return send(res, 200, 'application/json', JSON.stringify({ purchases }));
          }
          default:
            return send(res, 404, 'application/json', JSON.stringify({ error: { code: 'NOT_FOUND', message: `no demo page ${path}` } }));
        }
      },
    },
  );
  return routes;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The page's static files: next to this file from source, or under src/ when the code runs from a build. */
function pageFiles(): { html: string; script: string; css: string } {
  const dirs = [join(__dirname, 'page'), resolve(__dirname, '../../../src/relay/demo/page'), resolve(__dirname, '../../../../src/relay/demo/page')];
  const dir = dirs.find((d) => existsSync(join(d, 'store-page.html'))) ?? dirs[0];
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { html: read('store-page.html'), script: read('store-page.js'), css: read('store-page.css') };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
