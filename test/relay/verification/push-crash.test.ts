import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { call } from '../http/relay-test-kit';
import {
  APP_ID, APP_KEY, APP_SECRET, KEK, PUSH_TOKEN, SESSION_SECRET, pushSender, startUpstreams, tempDir, until, type Upstreams,
} from './verified-kit';

const ROOT = join(__dirname, '..', '..', '..');
const ORDERS = 60;
const KILLS = 3;
const ENV = { RELAY_SESSION_SECRET: SESSION_SECRET, RELAY_KEK: KEK, WECHAT_APP_SECRET: APP_SECRET, WECHAT_PAY_APP_KEY: APP_KEY, WECHAT_PUSH_TOKEN: PUSH_TOKEN, KAKAO_APP_SECRET: 'kakao-app-secret-0123456789', KAKAO_ADMIN_KEY: 'kakao-admin-key-0123456789' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `purchase-relay start` as a child process. */
function startChild(configFile: string): { url: Promise<string>; kill(): Promise<void> } {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'purchase-relay.js'), 'start', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, ...ENV, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /purchase-relay listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => void (out += d.toString()));
    child.on('exit', (code, signal) => reject(new Error(`relay exited before listening: ${code ?? signal}\n${out.slice(-2000)}`)));
  });
  url.catch(() => undefined);
  return {
    url,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/**
 * The relay SIGKILLed while WeChat's payment pushes are in flight, three times: WeChat sends a push again until it
 * is acknowledged (as it does for hours), so every paid order ends paid and delivered to every sink, and a sink sees
 * an order more than once only from a kill.
 */
describe('SIGKILL of the relay between a push and its acknowledgement', () => {
  let u: Upstreams;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    u = await startUpstreams();
    tmp = tempDir();
  }, 60_000);

  afterAll(async () => {
    await u.close();
    tmp.remove();
  });

  it('loses no paid order and repeats none beyond the kills', async () => {
    const db = join(tmp.dir, 'relay.db');
    const configFile = join(tmp.dir, 'relay.json');
    writeFileSync(configFile, JSON.stringify({
      host: '127.0.0.1',
      port: 0,
      storage: { sqlite: db },
      session: { mode: 'wechat', secret: 'env:RELAY_SESSION_SECRET', keyEncryptionKey: 'env:RELAY_KEK' },
      // One request in flight per sink: a kill can then repeat at most one delivery per sink (as in relay-crash.test.ts).
      delivery: { baseDelayMs: 10, maxDelayMs: 200, pollIntervalMs: 20, concurrencyPerSink: 1 },
      games: [{
        appId: APP_ID,
        wechat: { appSecret: 'env:WECHAT_APP_SECRET', apiBase: u.servers[0].url, pay: { offerId: '1450000000', appKey: 'env:WECHAT_PAY_APP_KEY', push: { token: 'env:WECHAT_PUSH_TOKEN' } } },
        catalog: { file: join(ROOT, 'src', 'relay', 'demo', 'sample-catalog.json') },
        sinks: {
          tianmu: { url: u.servers[1].url, timeoutMs: 4000 },
          hive: { url: u.servers[2].url, timeoutMs: 4000, appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN', batchSize: 1 },
          kakao: { url: u.servers[3].url, timeoutMs: 4000, appId: '103815', appSecret: 'env:KAKAO_APP_SECRET', adminKey: 'env:KAKAO_ADMIN_KEY', defaultCountry: 'cn' },
        },
      }],
    }));
    let relay = startChild(configFile);
    let url = await relay.url;
    const session = (await call(url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'crash-player' } })).body as { token: string; openid: string };
    const orders: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const a = await call(url, 'POST', '/v1/orders', { token: session.token, body: { productId: '500.picsh.cre' } });
      expect(a.status).toBe(200);
      orders.push(a.body.orderId);
    }
    const push = pushSender();
    const acked = new Set<string>();
    let unanswered = 0;
    // WeChat: every push again until it gets ErrCode 0 from whichever relay is up.
    const deliverPush = async (orderId: string) => {
      const p = push.goods({ openId: session.openid, outTradeNo: orderId, productId: '500.picsh.cre', actualPrice: 999 });
      for (;;) {
        try {
          const sent = await p.send(`${url}/v1/notify/wechat/${APP_ID}`);
          if ((sent.body as { ErrCode?: number } | undefined)?.ErrCode === 0) return void acked.add(orderId);
        } catch {
          unanswered++;
        }
        await sleep(50);
      }
    };
    const pushing = Promise.all(orders.map((id, i) => sleep(i * 40).then(() => deliverPush(id))));
    for (let k = 0; k < KILLS; k++) {
      await sleep(400 + k * 200);
      await relay.kill();
      relay = startChild(configFile);
      url = await relay.url;
    }
    await pushing;
    expect(acked.size).toBe(ORDERS);
    expect(unanswered).toBeGreaterThan(0); // some pushes really were cut off by a kill

    const counts = () => orders.map((id) => [u.tianmu.orderCodes().filter((o) => o === id).length, u.hive.transactionIds().filter((o) => o === id).length, u.kakao.logs.filter((l) => l.body.marketOrderId === id).length]);
    await until(() => counts().every((c) => c.every((n) => n >= 1)), 60_000);
    await relay.kill();
    for (const c of counts()) for (const n of c) expect(n).toBeLessThanOrEqual(1 + KILLS);
    for (let sink = 0; sink < 3; sink++) expect(counts().reduce((a, c) => a + c[sink] - 1, 0)).toBeLessThanOrEqual(KILLS);
    const file = new Database(db, { readonly: true });
    const states = file.prepare('SELECT state, COUNT(*) AS n FROM orders GROUP BY state').all();
    const purchases = file.prepare('SELECT COUNT(*) AS n FROM purchases').get() as { n: number };
    file.close();
    expect(states).toEqual([{ state: 'paid', n: ORDERS }]);
    expect(purchases.n).toBe(ORDERS);
  }, 180_000);
});
