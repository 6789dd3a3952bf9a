import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelayConfigSchema, type RelayConfig, type SinkName } from '../../../src/relay/config/config-schema';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createDeliveryWorker, type AttemptOutcome, type DeliveryWorker, type DeliveryWorkerOptions } from '../../../src/relay/delivery/worker';
import { SINKS } from '../../../src/relay/sinks';
import { SqliteStorage } from '../../../src/relay/storage/sqlite-storage';
import type { PurchaseReport } from '../../../src/shared/schemas/purchase-report';
import { FakeHive, type FakeHiveOptions } from '../../fakes/upstreams/fake-hive';
import { FakeKakao } from '../../fakes/upstreams/fake-kakao';
import { FakeTianmu } from '../../fakes/upstreams/fake-tianmu';
import type { FakeServerOptions } from '../../fakes/upstreams/fake-server';
import { APP_ID, makeItem } from '../storage/report-fixture';

export const T0 = 1_763_800_001_000;
export const KAKAO_SECRET = 'kakao-app-secret-0123456789';
export const KAKAO_ADMIN_KEY = 'kakao-admin-key-abcdefghij';
export const ALL_SINKS: SinkName[] = ['tianmu', 'hive', 'kakao'];

export interface DeliveryKitOptions {
  /** Per-sink fake options (a delay models a slow upstream; Hive can be told to refuse rows). */
  fakes?: Partial<Record<SinkName, FakeServerOptions>> & { hive?: FakeHiveOptions };
  /** Merged over the test delivery policy. */
  delivery?: Partial<RelayConfig['delivery']>;
  /** Per-request timeout of every sink. @default 400 */
  timeoutMs?: number;
  /** Capture into `<kit.dir>/captured` instead of sending. @default false */
  capture?: boolean;
}

/**
 * A delivery worker over a real SQLite file and the three fake upstreams on 127.0.0.1, with a clock and a jitter
 * source the test controls. `kit.t` is the worker's "now".
 */
export async function createDeliveryKit(options: DeliveryKitOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-delivery-'));
  const tianmu = new FakeTianmu(options.fakes?.tianmu);
  const hive = new FakeHive({ appId: 'com.example.game', ...options.fakes?.hive });
  const kakao = new FakeKakao({ appId: '103815', appSecret: KAKAO_SECRET, adminKey: KAKAO_ADMIN_KEY, ...options.fakes?.kakao });
  const [tu, hu, ku] = await Promise.all([tianmu.start(), hive.start(), kakao.start()]);
  const timeoutMs = options.timeoutMs ?? 400;
  const captureDir = join(dir, 'captured');
  const target = (url: string) => (options.capture ? { capture: captureDir, timeoutMs } : { url, timeoutMs });
  const config = RelayConfigSchema.parse({
    storage: { sqlite: join(dir, 'relay.db') },
    session: { mode: 'sandbox', secret: 'session-secret-for-tests-0123456789' },
    delivery: {
      maxAttempts: 5,
      maxAgeSeconds: 3600,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      leaseMs: 5000,
      concurrencyPerSink: 2,
      pollIntervalMs: 20,
      ...options.delivery,
    },
    games: [
      {
        appId: APP_ID,
        sinks: {
          tianmu: { ...target(tu.url), version: '1.0.0' },
          hive: {
            ...target(hu.url),
            appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, channel: 'C2S', market: 'TC', serverId: 'CN',
          },
          kakao: { ...target(ku.url), appId: '103815', appSecret: KAKAO_SECRET, adminKey: KAKAO_ADMIN_KEY, defaultCountry: 'kr' },
        },
      },
    ],
  });
  const storage = new SqliteStorage((config.storage as { sqlite: string }).sqlite);
  await storage.migrate();
  const logLines: string[] = [];
  const log = createRelayLogger({ level: 'debug', destination: { write: (l: string) => void logLines.push(l) } });
  const attempts: Array<{ sink: SinkName; outcome: AttemptOutcome; durationMs: number }> = [];
  const workers: DeliveryWorker[] = [];
  let orderSeq = 0;

  const kit = {
    t: T0,
    /** Jitter source: a constant the test can change. */
    jitter: 0.5,
    config,
    storage,
    fakes: { tianmu, hive, kakao },
    logLines,
    attempts,
    dir,
    captureDir,
    worker(extra: Partial<DeliveryWorkerOptions> = {}): DeliveryWorker {
      const w = createDeliveryWorker({
        storage,
        config,
        sinks: SINKS,
        log,
        now: () => kit.t,
        random: () => kit.jitter,
        onAttempt: (sink, outcome, durationMs) => attempts.push({ sink, outcome, durationMs }),
        ...extra,
      });
      workers.push(w);
      return w;
    },
    /** Ingests purchases of the test game, received at `kit.t`, for `sinks`. Returns their order ids. */
    async ingest(n: number, sinks: SinkName[] = ALL_SINKS, overrides: Partial<PurchaseReport> = {}): Promise<string[]> {
      const items = Array.from({ length: n }, () => {
        const orderId = `order-${++orderSeq}`;
        return makeItem({ orderId, uid: `uid-${orderSeq}`, ...overrides }, { sinks, receivedAt: kit.t });
      });
      await storage.ingest(items);
      return items.map((i) => i.report.orderId);
    },
    async rows(sink?: SinkName) {
      return storage.listDeliveries({ sink, limit: 10_000 });
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await storage.close();
      await Promise.all([tianmu.close(), hive.close(), kakao.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return kit;
}

export type DeliveryKit = Awaited<ReturnType<typeof createDeliveryKit>>;

/** Waits (real time) until `check` holds; fails after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
