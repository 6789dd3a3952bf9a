import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import type { FakeReply, IncomingFakeRequest } from '../../fakes/upstreams/fake-server';
import { FakeWechat } from '../../fakes/upstreams/fake-wechat';
import { ADMIN_TOKEN, APP_ID, SESSION_SECRET, call, report, startTestRelay, type Answer, type TestRelay } from '../http/relay-test-kit';

/**
 * A full flow with every kind of secret configured: WeChat login through a fake WeChat, purchases, deliveries to
 * fake Tianmu / Hive / Kakao (one game's Kakao in capture mode), failing upstreams, admin calls and `/metrics`.
 * No configured secret value and no WeChat session_key may appear in any log line, response body or capture file.
 */
const WECHAT_SECRET = 'wechat-appsecret-7f3a9c2e5b1d';
const KAKAO_APP_SECRET = 'kakao-appsecret-4e8b2d6f0a1c';
const KAKAO_ADMIN_KEY = 'kakao-adminkey-9d1f3b5a7c2e';
const CAPTURE_KAKAO_SECRET = 'kakao-capture-secret-1a2b3c4d';
const CAPTURE_KAKAO_ADMIN = 'kakao-capture-admin-5e6f7a8b';
const GRAVITY_KEY = 'gravity-appkey-0c9b8a7d6e5f';
const OTHER_APP = 'wx7654321987654321';
const SECRETS = [SESSION_SECRET, ADMIN_TOKEN, WECHAT_SECRET, KAKAO_APP_SECRET, KAKAO_ADMIN_KEY, CAPTURE_KAKAO_SECRET, CAPTURE_KAKAO_ADMIN, GRAVITY_KEY];

/** The fake WeChat, remembering each session_key it handed out so the test can look for them. */
class RecordingWechat extends FakeWechat {
  readonly sessionKeys: string[] = [];
  protected override handle(req: IncomingFakeRequest): FakeReply {
    const reply = super.handle(req);
    const key = (JSON.parse(reply.body) as { session_key?: string }).session_key;
    if (key) this.sessionKeys.push(key);
    return reply;
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('no secret leaks', () => {
  let t: TestRelay;
  const wechat = new RecordingWechat({ apps: { [APP_ID]: WECHAT_SECRET, [OTHER_APP]: WECHAT_SECRET } });
  const tianmu = new FakeTianmu();
  const hive = new FakeHive();
  const kakao = new FakeKakao({ appId: '103815', appSecret: KAKAO_APP_SECRET, adminKey: KAKAO_ADMIN_KEY });
  const answers: Answer[] = [];

  beforeAll(async () => {
    const [w, tm, hv, kk] = await Promise.all([wechat.start(), tianmu.start(), hive.start(), kakao.start()]);
    const hiveConfig = { url: hv.url, appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, channel: 'C2S', market: 'TC', serverId: 'CN' };
    t = await startTestRelay(
      (dir) => ({
        session: { mode: 'wechat', secret: SESSION_SECRET },
        delivery: { maxAttempts: 5, maxAgeSeconds: 3600, baseDelayMs: 20, maxDelayMs: 100, leaseMs: 20_000, concurrencyPerSink: 2, pollIntervalMs: 20 },
        games: [
          {
            appId: APP_ID,
            wechat: { appSecret: WECHAT_SECRET, apiBase: w.url },
            sinks: { tianmu: { url: tm.url }, hive: hiveConfig, kakao: { url: kk.url, appId: '103815', appSecret: KAKAO_APP_SECRET, adminKey: KAKAO_ADMIN_KEY } },
            gravity: { appId: 17802622, appKey: GRAVITY_KEY },
          },
          {
            appId: OTHER_APP,
            wechat: { appSecret: WECHAT_SECRET, apiBase: w.url },
            sinks: { kakao: { capture: join(dir, 'captured-kakao'), appId: '103815', appSecret: CAPTURE_KAKAO_SECRET, adminKey: CAPTURE_KAKAO_ADMIN } },
          },
        ],
      }),
      { deliveries: true, secrets: SECRETS.slice(2) },
    );
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([wechat.close(), tianmu.close(), hive.close(), kakao.close()]);
  });

  const rec = (a: Answer) => (answers.push(a), a);

  it('runs the flow and no secret appears in logs, responses or capture files', async () => {
    const captureDir = join(t.dir, 'captured-kakao');

    // Login through the fake WeChat: it hands the relay a session_key with every openid.
    const s = rec(await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'login-1' } })).body;
    const s2 = rec(await call(t.url, 'POST', '/v1/session', { body: { appId: OTHER_APP, code: 'login-2' } })).body;
    expect(wechat.sessionKeys).toHaveLength(2);
    rec(await call(t.url, 'POST', '/v1/session', { body: { appId: APP_ID, code: 'bad-code' } }));

    // Purchases, one malformed; Kakao and Tianmu fail first (retry path); Tianmu refuses the KRW one (dead path).
    kakao.failNext(2, '500');
    tianmu.failNext(1, 'garbage');
    const reports = [report(s.openid, { playerId: '123412341234', country: 'CN' }), report(s.openid, { playerId: '1', country: 'KR', currency: 'KRW', amount: 1200 })];
    rec(await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: [...reports, { ...reports[0], orderId: 'bad id!' }] } }));
    rec(await call(t.url, 'POST', '/v1/purchases', { token: s2.token, body: { reports: [report(s2.openid, { appId: OTHER_APP, playerId: '7', country: 'KR' })] } }));
    rec(await call(t.url, 'POST', '/v1/purchases', { token: `${s.token}x`, body: { reports } }));

    await waitFor('deliveries to every fake sink', () => kakao.uniqueIds().size >= 2 && tianmu.uniqueIds().size >= 1 && hive.uniqueIds().size >= 2);
    await waitFor('the captured Kakao request', () => existsSync(join(captureDir, 'kakao.jsonl')));

    // Admin calls, right and wrong, and metrics.
    rec(await call(t.url, 'GET', '/admin/deliveries?status=delivered', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }));
    rec(await call(t.url, 'GET', '/admin/deliveries', { headers: { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` } }));
    rec(await call(t.url, 'POST', '/admin/deliveries/retry-dead', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }));
    rec(await call(t.url, 'GET', '/metrics'));
    rec(await call(t.url, 'GET', '/healthz'));

    // The flow really ran: the real secrets reached the fake Kakao (so they were in the relay's hands).
    expect(kakao.accepted[0].headers.appsecret).toBe(KAKAO_APP_SECRET);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(7);
    expect(t.logLines.length).toBeGreaterThan(3);

    const haystacks: Array<[string, string]> = [
      ...t.logLines.map((l, i): [string, string] => [`log line ${i}`, l]),
      ...answers.map((a, i): [string, string] => [`response ${i}`, a.text + JSON.stringify([...a.headers])]),
      ...readdirSync(captureDir).map((f): [string, string] => [`capture ${f}`, readFileSync(join(captureDir, f), 'utf8')]),
    ];
    const needles = [...SECRETS, ...wechat.sessionKeys];
    for (const [where, text] of haystacks) {
      for (const secret of needles) {
        if (text.includes(secret)) throw new Error(`a secret leaked into ${where}`);
      }
      expect(text).not.toMatch(/"session_key"\s*:\s*"(?!\[redacted\])/);
    }
    // The Kakao keys of the captured game are replaced, not dropped: the capture shows what would be sent.
    expect(readFileSync(join(captureDir, 'kakao.jsonl'), 'utf8')).toContain('marketOrderId');
  });
});
