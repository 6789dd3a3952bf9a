import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDemoConfig, sampleCatalogPath } from '../config/load-config';
import type { RelayLogger } from '../log/logger';
import { createRelay, type Relay } from '../relay-app';
import { demoClientRuntime } from './client-runtime';
import { demoRoutes } from './demo-routes';
import { revenueMode } from '../platforms';

export interface DemoOptions {
  /** Where SQLite and the captured requests go. @default "data" */
  dataDir?: string;
  /** @default 8787; 0 picks a free port */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** @default the relay's own logger */
  log?: RelayLogger;
}

export interface Demo {
  relay: Relay;
  /** `http://host:port/demo` */
  storeUrl: string;
  captureDir: string;
  appId: string;
  stop(): Promise<void>;
}

/**
 * `npm start`: the relay on SQLite with sandbox sessions, the spec's sample catalog, sinks capturing to
 * `<dataDir>/captured`, a verified game (demo WeChat pay keys) whose payments the demo's sandbox WeChat pushes to
 * the relay when the page's sandbox sheet is paid (`sandbox-wechat.ts`), and the store page at `/demo`, whose client
 * runtime is rollup.config.js's browser build (the same code a game ships), built at start in a checkout when missing
 * or stale so nothing needs building first.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const dataDir = options.dataDir ?? 'data';
  const base = defaultDemoConfig(dataDir);
  const catalogFile = chineseStoreCatalog(dataDir);
  const config = {
    ...base,
    port: options.port ?? base.port,
    host: options.host ?? base.host,
    games: base.games.map((g) => ({ ...g, catalog: { file: catalogFile } })),
  };
  const game = config.games[0];
  const captureDir = join(dataDir, 'captured');
  const runtime = await demoClientRuntime();
  let url = '';
  const pay = game.wechat?.pay;
  // The demo's sandbox WeChat pushes each paid order to this relay, signed with the demo's AppKey and Token.
  const sandboxWechat = pay?.push ? { keys: { appKey: pay.appKey, token: pay.push.token }, relayUrl: () => url } : undefined;
  // The routes read the relay's storage per request, once the relay below exists.
  const extraRoutes = demoRoutes({ appId: game.appId, revenue: revenueMode(game), captureDir, runtime, storage: () => relay.storage, sandboxWechat });
  const relay: Relay = createRelay(config, { extraRoutes, ...(options.log ? { log: options.log } : {}) });
  url = await relay.start();
  return { relay, storeUrl: `${url}/demo`, captureDir, appId: game.appId, stop: () => relay.stop() };
}

/**
 * The demo is a Chinese store, so it sells in one currency, CNY. The spec's sample catalog prices packs in fen and
 * subscriptions in US cents; a catalog server says otherwise with `data.currency`, which is what the demo's copy
 * (`<dataDir>/demo-catalog.json`) does. The sample itself stays as the spec gives it.
 */
function chineseStoreCatalog(dataDir: string): string {
  const sample = JSON.parse(readFileSync(sampleCatalogPath(), 'utf8')) as { data: Record<string, unknown> };
  sample.data.currency = 'CNY';
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-catalog.json');
  writeFileSync(file, JSON.stringify(sample, null, 2));
  return file;
}
