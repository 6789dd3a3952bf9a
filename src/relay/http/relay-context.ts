import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GameConfig, RelayConfig } from '../config/config-schema';
import type { CatalogService } from '../catalog/catalog-service';
import type { RelayLogger } from '../log/logger';
import type { RelayMetrics } from '../metrics/relay-metrics';
import type { SessionVerification } from '../session/session-verifier';
import type { FreeSpaceGuard } from '../storage/free-space';
import type { Storage } from '../storage/storage';
import type { Proof } from '../storage/payment-store';
import type { ProveOutcome } from '../verification/prove-order';
import type { SessionKeys } from '../verification/session-keys';
import type { PlatformDeps } from '../platforms/platform-server';
import type { RateLimiter } from './rate-limiter';
import type { ReportLimiter } from './report-limiter';

/** Everything a route needs, built once by `createRelay`. */
export interface RelayContext {
  config: RelayConfig;
  games: ReadonlyMap<string, GameConfig>;
  storage: Storage;
  log: RelayLogger;
  now: () => number;
  metrics: RelayMetrics;
  catalog: CatalogService;
  trustedProxies: ReadonlySet<string>;
  ipLimiter: RateLimiter;
  openidLimiter: RateLimiter;
  /** `storage.minFreeBytes` of a SQLite file; absent for Postgres and `:memory:`. */
  freeSpace?: FreeSpaceGuard;
  /** Reports stored per player and per game (`limits.reportsPer*`). */
  reportLimiter: ReportLimiter;
  /** `Access-Control-Allow-Origin` for `/v1/*`. */
  corsOrigin: string;
  /** Prometheus lines other parts append to `/metrics` (reconcile). */
  extraMetricsText: () => string;
  /** `jscode2session` timeout. */
  wechatTimeoutMs: number;
  /** Checks a session token (`session-verifier.ts`). */
  verifySession: (token: string, nowMs: number) => SessionVerification;
  /** Sealed platform session keys; undefined when no game takes payments (`session.keyEncryptionKey` unset). */
  sessionKeys?: SessionKeys;
  /** What a platform's server side uses (`platforms/index.ts`), by platform name; undefined when no game takes payments. */
  platformDeps?: (platform: string) => PlatformDeps | undefined;
  /** Turns a platform's proof into revenue (`verification/prove-order.ts`). */
  prove(appId: string, orderId: string, proof: Proof): Promise<ProveOutcome>;
}

/** One request as a route sees it. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** See `client-ip.ts`. */
  ip: string;
  /** `:id`-style captures of the route pattern. */
  params: Record<string, string>;
}

export type RouteHandler = (ctx: RelayContext, r: RouteRequest) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a pattern whose named groups become `params`. */
  path: string | RegExp;
  handle: RouteHandler;
}

/** A route another part mounts on the relay (the demo pages): matched by path prefix, before the 404. */
export interface ExtraRoute {
  method: 'GET' | 'POST';
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}
