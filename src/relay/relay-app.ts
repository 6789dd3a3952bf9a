import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createCatalogService, type CatalogService } from './catalog/catalog-service';
import { enabledSinkNames, type RelayConfig } from './config/config-schema';
import { createDeliveryWorker } from './delivery/worker';
import { startDeliveryThread, type DeliveryThread } from './delivery/delivery-thread';
import type { ExtraRoute, RelayContext } from './http/relay-context';
import { createRateLimiter } from './http/rate-limiter';
import { createReportLimiter } from './http/report-limiter';
import { createRelayServer } from './http/server';
import { createRelayLogger, type RelayLogger } from './log/logger';
import { createRelayMetrics, type RelayMetrics } from './metrics/relay-metrics';
import { reconcileMetricsText, startReconcileSchedules } from './reconcile/scheduler';
import { collectSecrets } from './secrets';
import { SINKS } from './sinks';
import { createSessionVerifier } from './session/session-verifier';
import { createFreeSpaceGuard, DEFAULT_MIN_FREE_BYTES, type FreeSpaceGuard, type FreeSpaceProbe } from './storage/free-space';
import { sessionPolicy } from './session/session-token';
import { openStorage } from './storage/open-storage';
import { startRetention } from './storage/retention';
import type { Storage } from './storage/storage';
import { catalogUdid } from './catalog/catalog-udid';
import { findProduct } from './catalog/find-product';
import type { Catalog } from '../shared/schemas/catalog';
import { createAccessTokens } from './platforms/access-token';
import { PLATFORMS, platformOf, type PlatformDeps } from './platforms';
import { proveOrder } from './verification/prove-order';
import { startQueryLoop } from './verification/query-loop';
import { createSessionKeys } from './verification/session-keys';
import { crossCheckProblems } from './config/cross-checks';

/** How long `stop()` waits for requests in flight before closing their sockets. */
const STOP_GRACE_MS = 5000;

export type { ExtraRoute } from './http/relay-context';

export interface RelayOptions {
  /** @default a pino logger on stdout that redacts every secret of `config` */
  log?: RelayLogger;
  /** The relay's clock (ms). @default Date.now */
  now?: () => number;
  /** Serves `GET /v1/catalog`. @default createCatalogService(config) */
  catalog?: CatalogService;
  /** Routes mounted by path prefix (the demo pages). @default [] */
  extraRoutes?: readonly ExtraRoute[];
  /** `Access-Control-Allow-Origin` of `/v1/*`. @default config.corsOrigin, else "*" */
  corsOrigin?: string;
  /** Timeout of WeChat `jscode2session`. @default 5000 */
  wechatTimeoutMs?: number;
  /** Run the delivery worker (off only for tests of ingest alone). @default true */
  deliveries?: boolean;
  /**
   * Run the delivery worker's requests in their own thread (`delivery/delivery-thread.ts`), so delivery uses a
   * second core instead of the event loop that ingests; claims and results still go through this relay's storage.
   * `purchase-relay start` turns it on. Ignored (in-process) with a custom `now`, which cannot cross threads.
   * @default false
   */
  deliveryThread?: boolean;
  /** How often the order query loop looks for due orders (verified games). @default 5000 */
  queryPollMs?: number;
  /** Free bytes on the SQLite database's file system, for `storage.minFreeBytes`. @default fs.statfs of its directory */
  freeSpaceProbe?: FreeSpaceProbe;
}

export interface Relay {
  /** `http://host:port` once started (the real port when the config says 0). */
  readonly url: string;
  /** The open storage, once started. */
  readonly storage: Storage;
  readonly metrics: RelayMetrics;
  /** Opens and migrates storage, listens, starts the worker and the reconcile schedules. Resolves the URL. */
  start(): Promise<string>;
  /** Stops accepting, lets requests in flight finish, stops the worker and closes storage. */
  stop(): Promise<void>;
}

/** The floor of `storage.minFreeBytes` on a SQLite file's directory; none for Postgres or an in-memory database. */
function freeSpaceGuard(storage: RelayConfig['storage'], log: RelayLogger, probe?: FreeSpaceProbe): FreeSpaceGuard | undefined {
  if (!('sqlite' in storage) || storage.sqlite === ':memory:') return undefined;
  const minFreeBytes = storage.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  return createFreeSpaceGuard({
    dir: dirname(resolve(storage.sqlite)),
    minFreeBytes,
    probe,
    onChange: (v) =>
      v.ok
        ? log.info({ freeBytes: v.freeBytes, minFreeBytes }, 'storage free space back above storage.minFreeBytes: taking reports again')
        : log.warn({ freeBytes: v.freeBytes, minFreeBytes }, 'STORAGE_LOW_SPACE: refusing reports until space is freed'),
  });
}

/** The relay: HTTP API + durable outbox + delivery worker + reconcile schedules, on one config. */
export function createRelay(config: RelayConfig, options: RelayOptions = {}): Relay {
  const log = options.log ?? createRelayLogger({ secrets: collectSecrets(config) });
  const now = options.now ?? Date.now;
  let storage: Storage | undefined;
  let metrics: RelayMetrics | undefined;
  let server: Server | undefined;
  let url: string | undefined;
  let worker: ReturnType<typeof createDeliveryWorker> | DeliveryThread | undefined;
  let schedules: { stop(): void } | undefined;
  let retention: { stop(): Promise<void> } | undefined;
  let queries: { stop(): Promise<void> } | undefined;
  let starting: Promise<string> | undefined;

  const relay: Relay = {
    get url() {
      if (url === undefined) throw new Error('the relay is not started');
      return url;
    },
    get storage() {
      if (storage === undefined) throw new Error('the relay is not started');
      return storage;
    },
    get metrics() {
      if (metrics === undefined) throw new Error('the relay is not started');
      return metrics;
    },
    start() {
      // A second call while starting shares the first: one storage, one server.
      starting ??= startOnce().catch((err) => {
        starting = undefined;
        throw err;
      });
      return starting;
    },
    async stop() {
      await starting?.catch(() => undefined);
      starting = undefined;
      await stopAll();
    },
  };

  async function startOnce(): Promise<string> {
    checkConfig(config);
    storage = await openStorage(config.storage);
    const enabled = enabledSinkNames(config);
    metrics = createRelayMetrics(storage, enabled);
    const st = storage;
    const kek = config.session.keyEncryptionKey;
    const sessionKeys = kek === undefined ? undefined : createSessionKeys(st.payments, kek);
    const games = new Map(config.games.map((g) => [g.appId, g]));
    const catalog = options.catalog ?? createCatalogService(config);
    const m0 = metrics;
    const prove: RelayContext['prove'] = (appId, orderId, proof) =>
      proveOrder({ storage: st, games, now, log, onOutcome: (outcome, source) => m0.proofs.inc({ outcome, source }) }, appId, orderId, proof);
    const timeoutMs = options.wechatTimeoutMs ?? 5000;
    const catalogPrice = async (appId: string, uid: string, productId: string) => {
      const answer = await catalog.get(appId, catalogUdid(appId, uid));
      return answer.status === 200 ? findProduct(answer.body as Catalog, productId)?.price : undefined;
    };
    // One set of deps per platform: each has its own access tokens (sealed in sync_state, shared by every relay).
    const platformDeps = new Map<string, PlatformDeps>();
    if (sessionKeys !== undefined && kek !== undefined) {
      for (const server of Object.values(PLATFORMS)) {
        const accessTokens = server.tokens
          ? createAccessTokens(st, kek, now, server.tokens, timeoutMs)
          : { get: async () => ({ ok: false as const, detail: `${server.name} uses no access token` }), invalidate: async () => undefined };
        platformDeps.set(server.name, { payments: st.payments, sessionKeys, accessTokens, prove, catalogPrice, now, log, timeoutMs });
      }
    }
    const ctx: RelayContext = {
      config,
      games,
      storage,
      log,
      now,
      metrics,
      catalog,
      trustedProxies: new Set(config.trustedProxies),
      ipLimiter: createRateLimiter(config.limits.perIpPerMinute),
      openidLimiter: createRateLimiter(config.limits.perOpenidPerMinute),
      reportLimiter: createReportLimiter(config.limits),
      freeSpace: freeSpaceGuard(config.storage, log, options.freeSpaceProbe),
      corsOrigin: options.corsOrigin ?? config.corsOrigin ?? '*',
      extraMetricsText: reconcileMetricsText,
      wechatTimeoutMs: timeoutMs,
      verifySession: createSessionVerifier(sessionPolicy(config.session)),
      sessionKeys,
      platformDeps: (name) => platformDeps.get(name),
      prove,
    };
    server = createRelayServer(ctx, options.extraRoutes ?? []);
    try {
      await listen(server, config.port, config.host);
    } catch (err) {
      await storage.close().catch(() => undefined);
      storage = undefined;
      server = undefined;
      throw err;
    }
    const { port } = server.address() as AddressInfo;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    if (options.deliveries ?? true) {
      const m = metrics;
      // No sink enabled: no loop would run, and a thread would only cost its memory.
      if (options.deliveryThread && options.now === undefined && enabled.length > 0) {
        const thread = startDeliveryThread({ config, storage, log, onAttempts: (list) => list.forEach(([sink, outcome]) => m.onAttempt(sink, outcome, 0)) });
        worker = thread;
        await thread.start();
      } else {
        const w = createDeliveryWorker({ storage, config, sinks: SINKS, log, now, onAttempt: (sink, outcome, ms) => m.onAttempt(sink, outcome, ms) });
        worker = w;
        w.start();
      }
    }
    schedules = startReconcileSchedules({ config, store: storage, log });
    retention = startRetention({ storage, retention: config.retention, log, now });
    // Sandbox sessions (the demo) are no platform logins: there is no platform to ask about their orders.
    if (platformDeps.size > 0 && config.session.mode === 'wechat' && config.games.some((g) => platformOf(g).payConfigured(g))) {
      queries = startQueryLoop({
        payments: st.payments,
        games,
        // Each order is asked of its own game's platform.
        query: (game, order) => platformOf(game).query(platformDeps.get(game.platform) as PlatformDeps, game, order),
        prove,
        now,
        log,
        pollMs: options.queryPollMs,
      });
    }
    log.info({ url, storage: 'sqlite' in config.storage ? 'sqlite' : 'postgres', sinks: enabled, session: config.session.mode }, 'relay started');
    return url;
  }

  async function stopAll(): Promise<void> {
    schedules?.stop();
    schedules = undefined;
    await retention?.stop();
    retention = undefined;
    await queries?.stop();
    queries = undefined;
    if (server) {
      const s = server;
      server = undefined;
      await new Promise<void>((resolve) => {
        // Requests in flight get STOP_GRACE_MS to finish (their ingest is durable or not: either way safe).
        const force = setTimeout(() => s.closeAllConnections(), STOP_GRACE_MS);
        s.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Idle keep-alive sockets would hold close() open for a minute.
        s.closeIdleConnections();
      });
    }
    if (worker) {
      await worker.stop();
      worker = undefined;
    }
    if (storage) {
      await storage.close();
      storage = undefined;
    }
    url = undefined;
    log.info({}, 'relay stopped');
  }
  return relay;
}


/** What the schema alone cannot say (`cross-checks.ts`): the loader checks the same, this covers configs built in code. */
function checkConfig(config: RelayConfig): void {
  const problems = crossCheckProblems(config);
  if (problems.length > 0) throw new RelayConfigError(problems);
}

export class RelayConfigError extends Error {
  override readonly name = 'RelayConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
