import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactRequestHeaders } from '../../../src/relay/delivery/capture-file';
import { hiveSink, kakaoSink, tianmuSink } from '../../../src/relay/sinks';
import type { StoredPurchase } from '../../../src/relay/sinks/sink';
import { makeReport } from '../storage/report-fixture';
import { createDeliveryKit, KAKAO_ADMIN_KEY, KAKAO_SECRET, T0, type DeliveryKit } from './delivery-test-kit';

interface CapturedLine {
  at: number;
  sink: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe('delivery worker: capture mode', () => {
  let kit: DeliveryKit;
  let dir: string;
  beforeEach(async () => {
    kit = await createDeliveryKit({ capture: true });
    dir = kit.captureDir;
  });
  afterEach(async () => {
    await kit.close();
  });

  function read(sink: string): CapturedLine[] {
    return readFileSync(join(dir, `${sink}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as CapturedLine);
  }

  it('writes exactly the requests that would be sent, one line each, secrets redacted, and marks them delivered', async () => {
    const ids = await kit.ingest(2);
    expect(await kit.worker().drainOnce()).toBe(6);
    expect((await kit.storage.stats()).deliveries).toEqual({ pending: 0, delivered: 6, dead: 0 });
    expect(readdirSync(dir).sort()).toEqual(['hive.jsonl', 'kakao.jsonl', 'tianmu.jsonl']);
    // Nothing went over the network.
    expect(kit.fakes.tianmu.accepted.length + kit.fakes.hive.accepted.length + kit.fakes.kakao.accepted.length).toBe(0);

    const game = kit.config.games[0];
    const stored = (orderId: string, n: number): StoredPurchase => ({
      report: makeReport({ orderId, uid: `uid-${n}` }),
      isFirstPay: true,
      clientIp: '203.0.113.7',
      receivedAt: T0,
    });
    const purchases = ids.map((id, i) => stored(id, i + 1));

    const tianmu = read('tianmu');
    const expectedTianmu = purchases.map((p) => tianmuSink.toRequest([p], game.sinks.tianmu!, game));
    expect(tianmu).toEqual(expectedTianmu.map((r) => ({ at: T0, sink: 'tianmu', ...r })));

    const hive = read('hive');
    expect(hive).toEqual([{ at: T0, sink: 'hive', ...hiveSink.toRequest(purchases, game.sinks.hive!, game) }]);

    const kakao = read('kakao');
    const expectedKakao = purchases.map((p) => kakaoSink.toRequest([p], game.sinks.kakao!, game));
    expect(kakao.map((l) => l.body)).toEqual(expectedKakao.map((r) => r.body));
    expect(kakao.map((l) => l.url)).toEqual(expectedKakao.map((r) => r.url));
    for (const [i, line] of kakao.entries()) {
      const sent = expectedKakao[i].headers;
      const names = Object.keys(sent);
      expect(Object.keys(line.headers)).toEqual(names);
      for (const name of names) {
        const secret = ['appsecret', 'authorization'].includes(name.toLowerCase());
        expect([name, line.headers[name]]).toEqual([name, secret ? '[redacted]' : sent[name]]);
      }
    }
    const everything = ['tianmu', 'hive', 'kakao'].map((s) => readFileSync(join(dir, `${s}.jsonl`), 'utf8')).join('');
    expect(everything).not.toContain(KAKAO_SECRET);
    expect(everything).not.toContain(KAKAO_ADMIN_KEY);
  });

  it('appends, never rewrites: a second drain adds lines', async () => {
    await kit.ingest(1, ['tianmu']);
    await kit.worker().drainOnce();
    await kit.ingest(1, ['tianmu']);
    await kit.worker().drainOnce();
    expect(read('tianmu').map((l) => JSON.parse(l.body).userLog.ext.order_code)).toEqual(['order-1', 'order-2']);
  });

  it('redacts credential headers by name and any header that holds a configured secret', () => {
    expect(
      redactRequestHeaders({ appSecret: 'x', AUTHORIZATION: 'KakaoAK y', 'X-Other': 'has s3cr3t-value inside', ok: 'fine' }, ['s3cr3t-value']),
    ).toEqual({ appSecret: '[redacted]', AUTHORIZATION: '[redacted]', 'X-Other': '[redacted]', ok: 'fine' });
  });
});
