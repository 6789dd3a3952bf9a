import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelayConfigSchema, type RelayConfig } from '../../../src/relay/config/config-schema';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createRelay, type Relay } from '../../../src/relay/relay-app';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import { FakeWechat } from '../../fakes/upstreams/fake-wechat';
import { WechatPushSender } from '../../fakes/upstreams/wechat-push-sender';
import { call } from '../http/relay-test-kit';

export const APP_ID = 'wx1234567891234567';
export const APP_SECRET = 'wechat-app-secret-0123456789';
export const APP_KEY = 'live-app-key-0123456789abcdef';
export const SANDBOX_APP_KEY = 'sandbox-app-key-0123456789abcd';
export const PUSH_TOKEN = 'push-token-0123456789';
/** 43 chars, as the MP console makes it. */
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const KEK = Buffer.from(Array.from({ length: 32 }, (_, i) => (7 + i * 31) & 255)).toString('base64');
export const SESSION_SECRET = 'verified-session-secret-0123456789';
const KAKAO = { appId: '103815', appSecret: 'kakao-app-secret-0123456789', adminKey: 'kakao-admin-key-0123456789' };
export const SECRETS = [APP_SECRET, APP_KEY, SANDBOX_APP_KEY, PUSH_TOKEN, AES_KEY, KEK, SESSION_SECRET, KAKAO.appSecret, KAKAO.adminKey];

export interface Upstreams {
  wechat: FakeWechat;
  tianmu: FakeTianmu;
  hive: FakeHive;
  kakao: FakeKakao;
  servers: StartedFake[];
  close(): Promise<void>;
}

export async function startUpstreams(): Promise<Upstreams> {
  const wechat = new FakeWechat({ apps: { [APP_ID]: APP_SECRET }, payKeys: { [APP_ID]: { live: APP_KEY, sandbox: SANDBOX_APP_KEY } } });
  const tianmu = new FakeTianmu();
  const hive = new FakeHive({ appId: 'com.example.game', categories: ['samplegame_purchase_log'] });
  const kakao = new FakeKakao(KAKAO);
  const servers = [await wechat.start(), await tianmu.start(), await hive.start(), await kakao.start()];
  return { wechat, tianmu, hive, kakao, servers, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}

/** The relay config of a verified WeChat game delivering to the fakes; `pay` and the rest patchable. */
export function verifiedConfig(u: Upstreams, storage: RelayConfig['storage'], patch: { pay?: Record<string, unknown>; game?: Record<string, unknown> } = {}): RelayConfig {
  return RelayConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    storage,
    session: { mode: 'wechat', secret: SESSION_SECRET, keyEncryptionKey: KEK },
    adminToken: 'verified-admin-token-0123456789',
    delivery: { baseDelayMs: 10, maxDelayMs: 200, pollIntervalMs: 20 },
    limits: { reportsPerPlayerPerMinute: 1000, reportsPerPlayerPerDay: 100000 },
    games: [
      {
        appId: APP_ID,
        wechat: {
          appSecret: APP_SECRET,
          apiBase: u.servers[0].url,
          pay: { offerId: '1450000000', mode: 'item', env: 0, appKey: APP_KEY, sandboxAppKey: SANDBOX_APP_KEY, push: { token: PUSH_TOKEN, encodingAesKey: AES_KEY }, ...patch.pay },
        },
        catalog: { file: join(__dirname, '..', '..', '..', 'src', 'relay', 'demo', 'sample-catalog.json') },
        verification: { queryAfterSeconds: 60, giveUpAfterHours: 1 },
        sinks: {
          tianmu: { url: u.servers[1].url, timeoutMs: 2000 },
          hive: { url: u.servers[2].url, timeoutMs: 2000, appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN' },
          kakao: { url: u.servers[3].url, timeoutMs: 2000, ...KAKAO, defaultCountry: 'cn' },
        },
        ...patch.game,
      },
    ],
  });
}

/** A clock the test moves; starts at the real time so Hive/Kakao date checks hold. */
export function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

export interface RunningRelay {
  relay: Relay;
  url: string;
  logLines: string[];
  stop(): Promise<void>;
}

export async function startVerifiedRelay(config: RelayConfig, now: () => number): Promise<RunningRelay> {
  const logLines: string[] = [];
  const log = createRelayLogger({ secrets: SECRETS, level: 'debug', destination: { write: (s: string) => void logLines.push(s) } });
  const relay = createRelay(config, { log, now, queryPollMs: 30 });
  const url = await relay.start();
  return { relay, url, logLines, stop: () => relay.stop() };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'relay-verified-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function pushSender(safe = false, now?: () => number): WechatPushSender {
  return new WechatPushSender({ appId: APP_ID, token: PUSH_TOKEN, appKeys: { live: APP_KEY, sandbox: SANDBOX_APP_KEY }, ...(safe ? { encodingAesKey: AES_KEY } : {}), ...(now ? { now } : {}) });
}

export async function wechatLogin(url: string, code: string): Promise<{ token: string; openid: string }> {
  const a = await call(url, 'POST', '/v1/session', { body: { appId: APP_ID, code } });
  if (a.status !== 200) throw new Error(`login failed: ${a.status} ${a.text}`);
  return a.body;
}

export async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What each sink received for `orderId`: Tianmu pay_amount (fen), Hive product_price (yuan), Kakao price. */
export function received(u: Upstreams, orderId: string) {
  return {
    tianmu: u.tianmu.orderCodes().filter((o) => o === orderId).length,
    hive: u.hive.transactionIds().filter((o) => o === orderId).length,
    kakao: u.kakao.logs.filter((l) => l.body.marketOrderId === orderId).length,
  };
}
