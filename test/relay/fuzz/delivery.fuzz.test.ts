import fc from 'fast-check';
import type { GameConfig } from '../../../src/relay/config/config-schema';
import { createDeliveryWorker } from '../../../src/relay/delivery/worker';
import { PAID_AT_MAX_AGE_MS, PAID_AT_MAX_AHEAD_MS } from '../../../src/relay/http/paid-at-window';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { SINKS, type StoredPurchase } from '../../../src/relay/sinks';
import { HiveRowSchema } from '../../../src/relay/sinks/hive-wire';
import type { IngestItem } from '../../../src/relay/storage/storage';
import { parseWallClock, KST_OFFSET_MINUTES } from '../../../src/shared/time/zoned-time';
import { PAID_AT_MAX, PAID_AT_MIN, PurchaseReportSchema, type PurchaseReport } from '../../../src/shared/schemas/purchase-report';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import { APP_ID, call, login, startTestRelay, type TestRelay } from '../http/relay-test-kit';
import { arbitraryPurchase } from '../sinks/sink-test-kit';

/**
 * "Hardening the relay", finding 1, as a property: random reports (valid by the schema, at its edges, and outside
 * it), posted through `POST /v1/purchases`, mixed with rows stored around the schema (as rows stored before it was
 * bounded are), delivered by the real worker through every sink's batching to the fake upstreams over HTTP.
 * Hive is also told to refuse a few rows no schema of the relay can foresee.
 * - nothing goes dead because of a neighbour: a dead delivery is refused by its own sink's rules for its own
 *   purchase (the same reason), or is one of the rows Hive refuses, and those die alone with Hive's reason;
 * - every delivered row is well-formed: the fakes check each request against the spec page, and none refused one
 *   except for the rows Hive was told to refuse; each delivered order reached its upstream exactly once.
 */

const KAKAO = { appId: '103815', appSecret: 'kakao-fuzz-secret-0123', adminKey: 'kakao-fuzz-admin-4567' };
const HIVE_APP = 'com.example.game';
const HIVE_REFUSED = 'unknown product key (fuzz)';
const DAY = 86_400_000;

describe('fuzz: reports through ingest and every sink to the fake upstreams', () => {
  const tianmu = new FakeTianmu();
  const hive = new FakeHive({ appId: HIVE_APP, refuseRow: (row) => (row.transaction_id.startsWith('hivebad') ? HIVE_REFUSED : undefined) });
  const kakao = new FakeKakao(KAKAO);
  let t: TestRelay;
  let game: GameConfig;

  beforeAll(async () => {
    const [tu, hu, ku] = await Promise.all([tianmu.start(), hive.start(), kakao.start()]);
    t = await startTestRelay({
      // Sandbox logins against fake upstreams: allowed on purpose.
      allowSandboxRevenue: true,
      limits: { bodyBytes: 1024 * 1024, perIpPerMinute: 1_000_000, perOpenidPerMinute: 1_000_000, reportsPerPlayerPerMinute: 1_000_000, reportsPerPlayerPerDay: 1_000_000, reportsPerGamePerMinute: 1_000_000 },
      delivery: { maxAttempts: 12, baseDelayMs: 1000, maxDelayMs: 30_000, leaseMs: 30_000, concurrencyPerSink: 4, pollIntervalMs: 20 },
      games: [
        {
          appId: APP_ID,
          sinks: {
            tianmu: { url: tu.url, timeoutMs: 2000 },
            // A small batch, so a run makes many batches and a refused row has neighbours in each.
            hive: { url: hu.url, timeoutMs: 2000, appId: HIVE_APP, gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN', batchSize: 7 },
            // No defaultCountry: a report without a country is Kakao's own refusal, dead alone.
            kakao: { url: ku.url, timeoutMs: 2000, ...KAKAO },
          },
        },
      ],
    });
    game = t.config.games[0];
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([tianmu.close(), hive.close(), kakao.close()]);
  });

  /** A report field set to an edge of what the schema takes, or just past it. */
  const edge = fc.oneof(
    fc.constant({}),
    fc.constantFrom<Partial<PurchaseReport>>(
      { amount: 0 },
      { amount: 1e12 },
      { level: Number.MAX_SAFE_INTEGER },
      { level: 0 },
      { goodsName: '' },
      { goodsName: '😀'.repeat(64) },
      { productId: 'p'.repeat(512) },
      { country: undefined },
      { country: 'kr' },
      { serverId: 'GLOBAL-10' },
      { gameUid: '9007199254740993' },
      { characterId: '12345678901234567890' },
      { device: { type: 1, language: 'zh-Hant-TW', model: 'm'.repeat(128) } },
      { zone: '华东大区1服' },
    ),
  );

  /** `paidAt` from the relay clock: in its window, at its edges, or outside it / outside the schema (then rejected). */
  const paidAt = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 * DAY }).map((ago) => (now: number) => now - ago) },
    { weight: 2, arbitrary: fc.constantFrom((now: number) => now + PAID_AT_MAX_AHEAD_MS - 60_000, (now: number) => now - PAID_AT_MAX_AGE_MS + 60_000) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        (now: number) => now + PAID_AT_MAX_AHEAD_MS + 60_000,
        (now: number) => now - PAID_AT_MAX_AGE_MS - 60_000,
        () => PAID_AT_MIN - 1,
        () => PAID_AT_MAX + 1,
        () => Number.MAX_SAFE_INTEGER,
        () => 1,
      ),
    },
  );

  /** Stored without the schema: a poison value, or a plain row whose uid no session would give. */
  const legacy = fc.constantFrom<Partial<PurchaseReport>>(
    { paidAt: Number.MAX_SAFE_INTEGER },
    { paidAt: -1 },
    { paidAt: 8.64e15 + 1 },
    { amount: 1.5 },
    { productId: '' },
    { uid: 'a-very-long-openid-from-another-platform-0123456789' },
    {},
  );

  let run = 0;

  it('never kills a row for a neighbour, and every delivered row is well-formed for its sink', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(arbitraryPurchase(['CNY', 'CNY', 'KRW', 'USD', 'JPY']), edge, paidAt, fc.integer({ min: 0, max: 39 })), { minLength: 1, maxLength: 70, size: 'large' }),
        fc.array(fc.tuple(arbitraryPurchase(), legacy), { maxLength: 6, size: 'large' }),
        async (posted, stored) => {
          run++;
          const s = await login(t.url, `fuzz-delivery-${run}`);
          const now = Date.now();
          const purchases = new Map<string, StoredPurchase>();
          const reports = posted.map(([p, over, at, bad], i) => {
            // About one report in 40 is a row Hive alone refuses.
            const orderId = `${bad === 0 ? 'hivebad' : 'f'}${run}x${i}`;
            return { ...p.report, ...over, paidAt: at(now), orderId, appId: APP_ID, uid: s.openid };
          });
          for (let i = 0; i < reports.length; i += 50) {
            const chunk = reports.slice(i, i + 50);
            const a = await call(t.url, 'POST', '/v1/purchases', { token: s.token, body: { reports: chunk } });
            expect(a.status).toBe(200);
            chunk.forEach((r, k) => {
              const result = a.body.results[k];
              const valid = PurchaseReportSchema.safeParse(r).success && r.paidAt <= now + PAID_AT_MAX_AHEAD_MS - 30_000 && r.paidAt >= now - PAID_AT_MAX_AGE_MS + 30_000;
              if (valid) {
                expect(result).toEqual({ orderId: r.orderId, status: 'accepted' });
                purchases.set(r.orderId, { report: r, isFirstPay: false, clientIp: '127.0.0.1', receivedAt: now });
              } else {
                expect(result.status).toBe('rejected');
                expect(result.error).toMatch(/^reports\[\d+\]\.\w+/);
              }
            });
          }
          const items: IngestItem[] = stored.map(([p, over], i) => ({
            report: { ...p.report, ...over, orderId: `legacy${run}x${i}`, appId: APP_ID },
            clientIp: p.clientIp,
            receivedAt: now,
            sinks: ['tianmu', 'hive', 'kakao'],
          }));
          await t.relay.storage.ingest(items);
          for (const it of items) purchases.set(it.report.orderId, { report: it.report, isFirstPay: false, clientIp: it.clientIp, receivedAt: now });

          // Deliver: a worker on a clock the test moves, so retries of not-yet-isolated rows come due.
          let clock = Date.now();
          const worker = createDeliveryWorker({ storage: t.relay.storage, config: t.config, sinks: SINKS, log: createRelayLogger({ level: 'silent' }), now: () => clock, random: () => 0.5 });
          const mine = async () => (await t.relay.storage.listDeliveries({ appId: APP_ID, limit: 1_000_000 })).filter((d) => purchases.has(d.orderId));
          for (let round = 0; round < 30; round++) {
            await worker.drainOnce();
            if ((await mine()).every((d) => d.status !== 'pending')) break;
            clock += 60_000;
          }
          await worker.stop();

          const rows = await mine();
          expect(rows).toHaveLength(purchases.size * 3);
          for (const d of rows) {
            const p = purchases.get(d.orderId)!;
            const sink = SINKS.find((s) => s.name === d.sink)!;
            let own: string | undefined;
            try {
              own = sink.refuse?.(p, sink.configOf(game), game);
            } catch (err) {
              // A stored row the mapping cannot even build (a fractional amount of a zero-decimal currency).
              own = `cannot check the purchase for ${d.sink}: ${(err as Error).message}`;
            }
            const hiveRefuses = d.sink === 'hive' && d.orderId.startsWith('hivebad') && own === undefined;
            const where = `${d.sink} ${d.orderId} ${JSON.stringify(p.report)}`;
            if (own !== undefined) expect({ where, status: d.status, error: d.lastError }).toEqual({ where, status: 'dead', error: own });
            else if (hiveRefuses) expect({ where, status: d.status, error: d.lastError }).toEqual({ where, status: 'dead', error: expect.stringContaining(HIVE_REFUSED) });
            else expect({ where, status: d.status, error: d.lastError }).toEqual({ where, status: 'delivered', error: null });
          }
        },
      ),
      { numRuns: 12 },
    );

    // Every request the fakes refused was refused for a row Hive alone knew was bad; every row they took is
    // well-formed and arrived once.
    expect(tianmu.rejected).toEqual([]);
    expect(kakao.rejected).toEqual([]);
    for (const r of hive.rejected) expect(r.problems.every((line) => line.endsWith(HIVE_REFUSED))).toBe(true);
    for (const row of hive.rows) {
      expect(HiveRowSchema.safeParse(row).success).toBe(true);
      expect(Number.isFinite(parseWallClock(row.dateTime, KST_OFFSET_MINUTES))).toBe(true);
    }
    expect([tianmu, hive, kakao].map((f) => f.duplicateCount())).toEqual([0, 0, 0]);
    const delivered = await t.relay.storage.listDeliveries({ status: 'delivered', limit: 1_000_000 });
    expect(delivered.filter((d) => d.sink === 'hive').map((d) => d.orderId).sort()).toEqual(hive.transactionIds().sort());
    expect(delivered.filter((d) => d.sink === 'tianmu').map((d) => d.orderId).sort()).toEqual(tianmu.orderCodes().sort());
    expect(delivered.filter((d) => d.sink === 'kakao').length).toBe(kakao.logs.length);
    expect(hive.rows.length).toBeGreaterThan(100); // the property was not vacuous
  }, 120_000);
});
