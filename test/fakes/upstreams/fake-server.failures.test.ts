import * as http from 'node:http';
import { FakeTianmu } from './fake-tianmu';
import { FakeWechat, JSCODE2SESSION_PATH } from './fake-wechat';
import type { FailureMode, StartedFake } from './fake-server';
import { fixtureGame, fixturePurchase } from '../../relay/sinks/sink-test-kit';
import { tianmuSink } from '../../../src/relay/sinks/tianmu-sink';

/** What the relay's worker relies on from the fakes' failure modes, checked over real sockets. */
describe('fake upstream failure modes', () => {
  const fake = new FakeTianmu();
  let server: StartedFake;
  beforeAll(async () => (server = await fake.start()));
  afterAll(() => server.close());

  const body = (orderId: string) => {
    const game = fixtureGame({ tianmu: server.url });
    return tianmuSink.toRequest([fixturePurchase({ orderId })], tianmuSink.configOf(game)!, game).body;
  };
  /** A raw POST: resolves the status, or the socket error's code, or 'timeout'. */
  const post = (payload: string, timeoutMs = 2000) =>
    new Promise<number | string>((resolve) => {
      const req = http.request(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('timeout', () => {
        req.destroy();
        resolve('timeout');
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end(payload);
    });

  it('hang never answers (the caller times out) and records nothing', async () => {
    fake.failNext(1, 'hang');
    expect(await post(body('hang-1'), 300)).toBe('timeout');
    expect(fake.countOf('hang-1')).toBe(0);
  });

  it('close destroys the socket without an answer and records nothing', async () => {
    fake.failNext(1, 'close');
    expect(await post(body('close-1'))).toBe('ECONNRESET');
    expect(fake.countOf('close-1')).toBe(0);
  });

  it('lost-answer processes the request, then the socket dies: the ambiguous failure', async () => {
    fake.failNext(1, 'lost-answer');
    expect(await post(body('lost-1'))).toBe('ECONNRESET');
    expect(fake.countOf('lost-1')).toBe(1);
    expect(await post(body('lost-1'))).toBe(200);
    expect(fake.countOf('lost-1')).toBe(2);
  });

  it('scripted failures come first, in order, then requests succeed', async () => {
    fake.failNext(2, '500').failNext(1, '429');
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await post(body(`seq-${i}`)));
    expect(got).toEqual([500, 500, 429, 200]);
  });

  it('a seeded failure rate replays the same failures for the same seed, and heal() stops them', async () => {
    const run = async (seed: number) => {
      fake.failRandomly({ rate: 0.5, modes: ['500', '429'] as FailureMode[], seed });
      const out = [];
      for (let i = 0; i < 20; i++) out.push(await post(body(`rate-${seed}-${i}`)));
      fake.heal();
      return out;
    };
    const a = await run(7);
    const b = await run(7);
    expect(a).toEqual(b);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(await post(body('healed'))).toBe(200);
  });

  it('refuses a failure mode its upstream does not have', () => {
    expect(() => fake.failNext(1, '401')).toThrow(/no failure mode 401/);
  });

  it('close() ends even with a request hanging', async () => {
    const other = new FakeTianmu();
    const s = await other.start();
    other.failNext(1, 'hang');
    const pending = fetch(s.url, { method: 'POST', body: '{}' }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    await s.close();
    expect(String(await pending)).toMatch(/fetch failed/);
  });
});

describe('fake WeChat jscode2session', () => {
  const fake = new FakeWechat({ apps: { wxapp: 'wechat-app-secret-0123456789' } });
  let server: StartedFake;
  beforeAll(async () => (server = await fake.start()));
  afterAll(() => server.close());
  const ask = async (q: Record<string, string>) => {
    const res = await fetch(`${server.url}${JSCODE2SESSION_PATH}?${new URLSearchParams(q)}`);
    return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(await res.text()) };
  };
  const good = { appid: 'wxapp', secret: 'wechat-app-secret-0123456789', js_code: 'c1', grant_type: 'authorization_code' };

  it('answers openid and session_key as text/plain, like WeChat, and a code works once', async () => {
    const a = await ask(good);
    expect(a).toEqual({ status: 200, type: 'text/plain', body: { openid: FakeWechat.openidFor('wxapp', 'c1'), session_key: expect.any(String) } });
    expect((await ask(good)).body).toEqual({ errcode: 40163, errmsg: 'code been used' });
  });

  it.each([
    [{ appid: 'wxnope' }, 40013],
    [{ secret: 'wrong-secret' }, 40125],
    [{ js_code: 'bad-code' }, 40029],
    [{ grant_type: 'client_credential' }, 40002],
  ])('%j → errcode %i', async (patch, errcode) => {
    expect((await ask({ ...good, js_code: `once-${errcode}`, ...patch })).body).toMatchObject({ errcode });
  });
});
