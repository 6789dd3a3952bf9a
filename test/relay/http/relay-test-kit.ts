import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { RelayConfigSchema, type RelayConfig } from '../../../src/relay/config/config-schema';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createRelay, type Relay, type RelayOptions } from '../../../src/relay/relay-app';
import type { PurchaseReport } from '../../../src/shared/schemas/purchase-report';

export const APP_ID = 'wx1234567891234567';
export const SESSION_SECRET = 'test-session-secret-0123456789abcdef';
export const ADMIN_TOKEN = 'test-admin-token-9f8e7d6c5b4a';

export interface TestRelay {
  relay: Relay;
  url: string;
  dir: string;
  config: RelayConfig;
  /** Every log line the relay wrote, raw. */
  logLines: string[];
  close(): Promise<void>;
}

/**
 * A real relay on 127.0.0.1:0 with SQLite in a fresh temp dir. `configPatch` is merged over a sandbox config
 * (or returned by it, given the temp dir) before the schema fills the defaults, so tests see the same defaults as production. Sinks are in capture mode
 * (under the temp dir) unless the patch says otherwise; the worker is off unless `options.deliveries` is true.
 */
export async function startTestRelay(
  configPatch: Record<string, unknown> | ((dir: string) => Record<string, unknown>) = {},
  options: RelayOptions & { secrets?: string[] } = {},
): Promise<TestRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-http-'));
  const raw = {
    host: '127.0.0.1',
    port: 0,
    storage: { sqlite: join(dir, 'relay.db') },
    session: { mode: 'sandbox', secret: SESSION_SECRET },
    adminToken: ADMIN_TOKEN,
    games: [{ appId: APP_ID, sinks: { tianmu: { capture: join(dir, 'captured') } } }],
    ...(typeof configPatch === 'function' ? configPatch(dir) : configPatch),
  };
  const config = RelayConfigSchema.parse(raw);
  const logLines: string[] = [];
  const destination: DestinationStream = { write: (s: string) => void logLines.push(s) };
  const log =
    options.log ??
    createRelayLogger({ secrets: [SESSION_SECRET, ADMIN_TOKEN, ...(options.secrets ?? [])], level: 'debug', destination });
  const relay = createRelay(config, { deliveries: false, ...options, log });
  const url = await relay.start();
  return {
    relay,
    url,
    dir,
    config,
    logLines,
    async close() {
      try {
        await relay.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;  
  text: string;
}

/** One HTTP request; the body is JSON-encoded unless it is already a string. */
export async function call(
  url: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url + path, {
    method,
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A sandbox login: the openid is derived from the code. */
export async function login(url: string, code = 'code-1', appId = APP_ID): Promise<{ token: string; openid: string; expiresAt: number }> {
  const a = await call(url, 'POST', '/v1/session', { body: { appId, code } });
  if (a.status !== 200) throw new Error(`login failed: ${a.status} ${a.text}`);
  return a.body;
}

let counter = 0;

/**
 * A valid report of `uid`; a fresh order id each call unless given. Paid a minute ago by the real clock, which
 * the test relay runs on: a fixed date would drift out of the relay's `paidAt` window as the calendar moves.
 */
export function report(uid: string, patch: Partial<PurchaseReport> = {}): PurchaseReport {
  counter++;
  return {
    orderId: `order${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e6)}`,
    appId: APP_ID,
    uid,
    productId: '500.picsh.cre',
    goodsName: '500 diamonds',
    amount: 999,
    currency: 'CNY',
    payType: 2,
    paidAt: Date.now() - 60_000,
    device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10' },
    netType: '4g',
    scene: '1047',
    sdkVersion: '0.1.0',
    ...patch,
  };
}
