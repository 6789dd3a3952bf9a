import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createRelay, type Relay } from '../../../src/relay/relay-app';
import { PostgresStorage } from '../../../src/relay/storage/postgres-storage';
import type { TianmuRequest } from '../../../src/relay/sinks/tianmu-wire';
import { usePgCluster } from '../../helpers/pg-cluster';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import { APP_ID, call, login, report } from '../http/relay-test-kit';

const pg = usePgCluster();
const KAKAO = { appId: '103815', appSecret: 'kakao-app-secret-0123456789', adminKey: 'kakao-admin-key-0123456789' };

/**
 * Two real relays (HTTP + worker) on one PostgreSQL database, delivering to the fake upstreams while a fifth of
 * upstream calls fail: every purchase either relay acknowledged reaches every sink, exactly once, because the two
 * workers never lease the same delivery and no failure mode here lets an upstream process a request it fails.
 */
describe('two relays on one PostgreSQL database', () => {
  const tianmu = new FakeTianmu();
  const hive = new FakeHive({ appId: 'com.example.game', categories: ['samplegame_purchase_log'] });
  const kakao = new FakeKakao(KAKAO);
  const servers: StartedFake[] = [];
  const relays: Relay[] = [];
  let dbUrl = '';

  beforeAll(async () => {
    servers.push(await tianmu.start(), await hive.start(), await kakao.start());
    const failing = { rate: 0.2, modes: ['500', '429', 'close'] as const };
    tianmu.failRandomly({ ...failing, seed: 11 });
    hive.failRandomly({ ...failing, seed: 12 });
    kakao.failRandomly({ ...failing, seed: 13 });
    dbUrl = await pg().createDatabase();
    const config = RelayConfigSchema.parse({
      host: '127.0.0.1',
      port: 0,
      storage: { postgres: dbUrl },
      session: { mode: 'sandbox', secret: 'two-relays-session-secret-0123456789' },
      // 25 purchases per player in a few seconds: far past the per-player defaults, which this test is not about.
      limits: { reportsPerPlayerPerMinute: 1000 },
      // Sandbox logins against fake upstreams: allowed on purpose.
      allowSandboxRevenue: true,
      delivery: { baseDelayMs: 10, maxDelayMs: 200, pollIntervalMs: 20, leaseMs: 10_000, maxAttempts: 50 },
      games: [
        {
          appId: APP_ID,
          sinks: {
            tianmu: { url: servers[0].url, timeoutMs: 2000 },
            hive: { url: servers[1].url, timeoutMs: 2000, appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN', batchSize: 10 },
            kakao: { url: servers[2].url, timeoutMs: 2000, ...KAKAO, defaultCountry: 'kr' },
          },
        },
      ],
    });
    const quiet = () => createRelayLogger({ destination: { write: () => undefined } });
    for (let i = 0; i < 2; i++) {
      const relay = createRelay(config, { log: quiet() });
      await relay.start();
      relays.push(relay);
    }
  }, 120_000);

  afterAll(async () => {
    for (const r of relays) await r.stop();
    for (const s of servers) await s.close();
    if (dbUrl) await pg().dropDatabase(dbUrl);
  }, 60_000);

  it('delivers every purchase acknowledged by either relay to every sink exactly once', async () => {
    expect(relays.map((r) => r.storage)).toEqual([expect.any(PostgresStorage), expect.any(PostgresStorage)]);
    const players = await Promise.all(Array.from({ length: 6 }, (_, i) => login(relays[i % 2].url, `player-${i}`)));
    const accepted = new Set<string>();
    let duplicates = 0;
    // 150 purchases, each posted to one relay and a third of them posted again to the other (a client retry).
    await Promise.all(
      Array.from({ length: 150 }, async (_, i) => {
        const player = players[i % players.length];
        const r = report(player.openid, { orderId: `pg-relays-${i}` });
        const targets = i % 3 === 0 ? [relays[i % 2], relays[(i + 1) % 2]] : [relays[i % 2]];
        for (const relay of targets) {
          const a = await call(relay.url, 'POST', '/v1/purchases', { token: player.token, body: { reports: [r] } });
          expect(a.status).toBe(200);
          const status = a.body.results[0].status;
          if (status === 'accepted') accepted.add(r.orderId);
          else if (status === 'duplicate') duplicates++;
          else throw new Error(a.text);
        }
      }),
    );
    expect(accepted.size).toBe(150);
    expect(duplicates).toBe(50);

    const deadline = Date.now() + 90_000;
    for (;;) {
      const stats = await relays[0].storage.stats();
      if (stats.deliveries.pending === 0) {
        expect(stats.deliveries).toEqual({ pending: 0, delivered: 450, dead: 0 });
        break;
      }
      if (Date.now() > deadline) throw new Error(`not drained: ${JSON.stringify(stats)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    for (const fake of [tianmu, hive, kakao]) {
      expect(fake.rejected).toEqual([]);
      expect(fake.duplicateCount()).toBe(0);
    }
    expect(new Set(tianmu.orderCodes())).toEqual(accepted);
    expect(new Set(hive.transactionIds())).toEqual(accepted);
    expect(new Set(kakao.logs.map((l) => l.body.marketOrderId))).toEqual(accepted);
    // the upstreams really failed along the way, and the relays rode it out
    expect(Object.values(tianmu.failures).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(10);
    // one first pay per player, across both relays
    const firstPays = tianmu.accepted
      .map((r) => (JSON.parse(r.body) as TianmuRequest).userLog.ext)
      .filter((ext) => ext.is_first_pay)
      .map((ext) => ext.uid);
    expect(firstPays.sort()).toEqual(players.map((p) => p.openid).sort());
  }, 120_000);
});
