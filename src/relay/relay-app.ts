import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCatalogService, type CatalogService } from './catalog/catalog-service';
import { SINK_NAMES, type RelayConfig } from './config/config-schema';
import { sandboxRevenueProblems } from './config/sandbox-revenue';
import { createDeliveryWorker } from './delivery/worker';
import type { ExtraRoute, RelayContext } from './http/relay-context';
import { createRateLimiter } from './http/rate-limiter';
import { createRelayServer } from './http/server';
import { createRelayLogger, type RelayLogger } from './log/logger';
import { createRelayMetrics, type RelayMetrics } from './metrics/relay-metrics';
import { reconcileMetricsText, startReconcileSchedules } from './reconcile/scheduler';
import { collectSecrets } from './secrets';
import { SINKS } from './sinks';
import { createSessionVerifier } from './session/session-verifier';
import { sessionPolicy } from './session/session-token';
import { openStorage } from './storage/open-storage';
import type { Storage } from './storage/storage';

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

/** The relay: HTTP API + durable outbox + delivery worker + reconcile schedules, on one config. */
export function createRelay(config: RelayConfig, options: RelayOptions = {}): Relay {
  const log = options.log ?? createRelayLogger({ secrets: collectSecrets(config) });
  const now = options.now ?? Date.now;
  let storage: Storage | undefined;
  let metrics: RelayMetrics | undefined;
  let server: Server | undefined;
  let url: string | undefined;
  let worker: ReturnType<typeof createDeliveryWorker> | undefined;
  let schedules: { stop(): void } | undefined;
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
    const enabled = enabledSinks(config);
    metrics = createRelayMetrics(storage, enabled);
    const ctx: RelayContext = {
      config,
      games: new Map(config.games.map((g) => [g.appId, g])),
      storage,
      log,
      now,
      metrics,
      catalog: options.catalog ?? createCatalogService(config),
      trustedProxies: new Set(config.trustedProxies),
      ipLimiter: createRateLimiter(config.limits.perIpPerMinute),
      openidLimiter: createRateLimiter(config.limits.perOpenidPerMinute),
      corsOrigin: options.corsOrigin ?? config.corsOrigin ?? '*',
      extraMetricsText: reconcileMetricsText,
      wechatTimeoutMs: options.wechatTimeoutMs ?? 5000,
      verifySession: createSessionVerifier(sessionPolicy(config.session)),
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
      worker = createDeliveryWorker({ storage, config, sinks: SINKS, log, onAttempt: (sink, outcome, ms) => m.onAttempt(sink, outcome, ms) });
      worker.start();
    }
    schedules = startReconcileSchedules({ config, store: storage, log });
    log.info({ url, storage: 'sqlite' in config.storage ? 'sqlite' : 'postgres', sinks: enabled, session: config.session.mode }, 'relay started');
    return url;
  }

  async function stopAll(): Promise<void> {
    schedules?.stop();
    schedules = undefined;
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

function enabledSinks(config: RelayConfig) {
  return SINK_NAMES.filter((s) => config.games.some((g) => g.sinks[s] !== undefined));
}

/**
 * What the schema alone cannot say: wechat sessions need every game's WeChat credentials; sandbox sessions send to
 * no live sink unless the config allows it (`sandbox-revenue.ts`). Checked here too, for configs not from the loader.
 */
function checkConfig(config: RelayConfig): void {
  const problems = config.session.mode !== 'wechat'
    ? sandboxRevenueProblems(config)
    : config.games.flatMap((g, i) =>
        g.wechat === undefined ? [`games[${i}].wechat: required when session.mode is "wechat" (appId ${g.appId})`] : [],
      );
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
