import { z } from 'zod';
import { MAX_SESSION_TTL_SECONDS } from '../session/session-token';
import { SINK_NAMES, sinkConfigShape, type SinkName } from '../sinks';
import { secret } from '../sinks/sink-config';

/**
 * Session token lifetime (`session.ttlSeconds`), also the most a presented token may claim (`exp - iat`). At most
 * 30 days: a token is a bearer credential the relay cannot revoke. @default 604800 (7 days)
 */
const ttlSeconds = z.number().int().positive().max(MAX_SESSION_TTL_SECONDS).default(7 * 24 * 3600);

/** `games[].wechat.pay`: the game's Midas settings (MP console → virtual payment). */
export const WechatPayConfigSchema = z.object({
  offerId: z.string().min(1),
  /** `"item"`: `requestMidasPaymentGameItem` (signed); `"coins"`: `requestMidasPayment` (game coins). @default "item" */
  mode: z.enum(['item', 'coins']).default('item'),
  /** 0 live, 1 sandbox. Orders made with env 1 are never revenue. @default 0 */
  env: z.union([z.literal(0), z.literal(1)]).default(0),
  /** @default "1" */
  zoneId: z.string().min(1).default('1'),
  /** The live AppKey (env 0). */
  appKey: secret,
  /** The sandbox AppKey (env 1): needed to sign sandbox orders and to check sandbox pushes. */
  sandboxAppKey: secret.optional(),
  /** Fen per game coin in coins mode (a ¥0.10 coin is 10). @default 10 */
  coinPrice: z.number().int().positive().default(10),
  /** The MP console's message push settings: Token and, for safe mode, EncodingAESKey (43 chars). */
  push: z.object({ token: secret, encodingAesKey: secret.optional() }).optional(),
});

/** The platforms a game can run on; `platforms/index.ts` holds one server side for each. */
export const PLATFORM_NAMES = ['wechat', 'douyin', 'qq'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

const zoneId = z.string().min(1).default('1');

/** `games[].douyin.pay`: the game's Douyin game payment settings (developer console → payment). */
export const DouyinPayConfigSchema = z.object({
  /**
   * `"coins"`: game coins, `buyQuantity` = price / `coinPrice`; `"item"`: item purchase (`goodType` 2 with
   * `orderAmount`, base library 3.47.0). @default "coins"
   */
  mode: z.enum(['coins', 'item']).default('coins'),
  /** @default "1" */
  zoneId,
  /** Fen per game coin in coins mode (the console's coin ratio; 1 yuan = 10 coins is 10). @default 10 */
  coinPrice: z.number().int().positive().default(10),
  /** The console's payment callback Token: checks the SHA-1 signature of `/v1/notify/douyin/:appId`. */
  callbackToken: secret,
});

/** `games[].qq.pay`: the game's QQ Midas settings (QQ mini-game console → virtual payment). */
export const QqPayConfigSchema = z.object({
  /** 0 live, 1 sandbox: passed as `setEnv` (its meaning is UNCONFIRMED, see `platforms/qq/qq-unconfirmed.ts`). @default 0 */
  env: z.union([z.literal(0), z.literal(1)]).default(0),
  /** GamePrePay `zone_id`. @default "1" */
  zoneId,
  /** GamePrePay `pf`. @default "qq_m_qq-2001-android-2011" */
  pf: z.string().min(1).default('qq_m_qq-2001-android-2011'),
  /** Fen per star currency (星币): GamePrePay `amt` = price / starPrice, never rounded. @default 10 */
  starPrice: z.number().int().positive().default(10),
  /** GamePrePay `app_remark`. @default "" */
  appRemark: z.string().max(128).default(''),
});

export const GameConfigSchema = z.object({
  appId: z.string().min(1),
  /** The game's platform: `/v1/session` verifies its login codes there, and its payments are made and proven there. @default "wechat" */
  platform: z.enum(PLATFORM_NAMES).default('wechat'),
  wechat: z
    .object({
      appSecret: secret,
      apiBase: z.string().url().default('https://api.weixin.qq.com'),
      /** Mini-game payment (Midas): with it the relay creates and signs orders and proves payments. */
      pay: WechatPayConfigSchema.optional(),
    })
    .optional(),
  /** A Douyin mini-game (`platform: "douyin"`). */
  douyin: z
    .object({
      appSecret: secret,
      apiBase: z.string().url().default('https://developer.toutiao.com'),
      /** Douyin game payment: with it the relay makes orders and proves payments by callback and `queryPayState`. */
      pay: DouyinPayConfigSchema.optional(),
    })
    .optional(),
  /** A QQ mini-game (`platform: "qq"`). */
  qq: z
    .object({
      appSecret: secret,
      apiBase: z.string().url().default('https://api.q.qq.com'),
      /** QQ Midas payment: with it the relay gets each order's `prepayId` (GamePrePay). */
      pay: QqPayConfigSchema.optional(),
    })
    .optional(),
  /**
   * `"verified"`: sinks get only what the platform proved, with the platform's amount (the default when the game's
   * platform can prove its payments: `wechat.pay` or `douyin.pay` set). `"reported"`: sinks get what the client
   * reports (the default otherwise, and for QQ, whose payment confirmation is not known yet).
   */
  revenue: z.enum(['verified', 'reported']).optional(),
  verification: z
    .object({
      /** Orders still pending this long after creation are asked of the platform. @default 300 */
      queryAfterSeconds: z.number().int().positive().default(300),
      /** Orders still unproven this long after creation are `unverified`: kept, never delivered. @default 48 */
      giveUpAfterHours: z.number().positive().default(48),
    })
    .default({ queryAfterSeconds: 300, giveUpAfterHours: 48 }),
  catalog: z
    .union([
      z.object({ url: z.string().url(), timeoutMs: z.number().int().positive().default(5000) }),
      z.object({ file: z.string().min(1) }),
    ])
    .optional(),
  /** One optional block per sink of `sinks/index.ts` `SINKS`, each sink's own schema. */
  sinks: z.object(sinkConfigShape()).default({}),
  gravity: z
    .object({
      url: z.string().url().default('https://backend.gravity-engine.com/openapi/api/v1/report/order/list/'),
      appId: z.number().int().positive(),
      appKey: secret,
      /** Never more than one call per this many seconds per app key. @default 600 */
      minCallIntervalSeconds: z.number().int().nonnegative().default(600),
      /** e.g. `{"daily": "03:00"}`: reconcile yesterday (China time) every day at that time. */
      schedule: z.object({ daily: z.string().regex(/^\d{2}:\d{2}$/) }).optional(),
    })
    .optional(),
});

/**
 * The relay's configuration file (DESIGN.md "Configuration"). Secrets are written as `"env:NAME"` and
 * resolved by `load-config.ts`; after loading, every `Secret` field holds the resolved value.
 */
export const RelayConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8787),
  storage: z
    .union([
      z.object({
        sqlite: z.string().min(1),
        /**
         * Below this many bytes free on the database's file system, `POST /v1/purchases` answers 503 with Retry-After
         * and `/healthz` is not ok, saying why (`free-space.ts`). SQLite only: a Postgres server watches its own disk.
         * @default 268435456 (256 MiB)
         */
        minFreeBytes: z.number().int().nonnegative().optional(),
      }),
      z.object({ postgres: z.string().min(1) }),
    ])
    .default({ sqlite: 'data/relay.db' }),
  session: z.discriminatedUnion('mode', [
    /**
     * `"wechat"` (the name kept from when WeChat was the only platform): every game's login code is verified with the
     * game's own platform (`games[].platform`: WeChat, Douyin or QQ code2session). `"sandbox"`: any code is accepted
     * (demos and tests).
     */
    z.object({
      mode: z.literal('wechat'),
      secret,
      ttlSeconds,
      /** Encrypts platform session keys at rest (AES-256-GCM): 32 bytes as base64 or 64 hex digits. */
      keyEncryptionKey: secret.optional(),
    }),
    z.object({
      mode: z.literal('sandbox'),
      secret,
      ttlSeconds,
      /**
       * Seals the random session keys sandbox logins store, so a game with a payment config whose sinks all capture
       * (the demo) signs its orders as a verified game does. Required then; refused with a sink that sends.
       */
      keyEncryptionKey: secret.optional(),
    }),
  ]),
  adminToken: secret.optional(),
  /**
   * Lets sandbox sessions (any code logs in) run with sinks that send (`url`): a staging relay against test
   * upstreams. Without it such a config is refused, since anyone could forge revenue. @default false
   */
  allowSandboxRevenue: z.boolean().default(false),
  /** `Access-Control-Allow-Origin` of the client API (`/v1/*`; never `/admin`). @default "*" */
  corsOrigin: z.string().min(1).optional(),
  /** Peers whose `X-Forwarded-For` is believed (exact IPs). @default [] */
  trustedProxies: z.array(z.string()).default([]),
  limits: z
    .object({
      /** @default 262144 */
      bodyBytes: z.number().int().positive().default(256 * 1024),
      /** Requests per minute per client IP. @default 600 */
      perIpPerMinute: z.number().int().positive().default(600),
      /** Requests per minute per openid. @default 120 */
      perOpenidPerMinute: z.number().int().positive().default(120),
      /**
       * Purchase reports (not requests) stored per player per minute; past it `POST /v1/purchases` answers 429 with
       * Retry-After and stores nothing (`report-limiter.ts`). A player does not buy ten things a minute. @default 10
       */
      reportsPerPlayerPerMinute: z.number().int().positive().default(10),
      /** Purchase reports stored per player per day (refilled continuously). @default 200 */
      reportsPerPlayerPerDay: z.number().int().positive().default(200),
      /**
       * Purchase reports stored per game per minute, all players together: the bound on how fast the database can
       * grow (3,000 a minute is four times the average of a game selling a million purchases a day). @default 3000
       */
      reportsPerGamePerMinute: z.number().int().positive().default(3000),
      /**
       * Open sockets, server-wide; one over it is closed at once. Each costs a file descriptor: keep it well under
       * the process's `ulimit -n`. @default 10000
       */
      maxConnections: z.number().int().positive().default(10_000),
      /**
       * Open sockets per client IP (the socket peer; trusted proxies are exempt); one over it is closed at once, so
       * one address cannot take the server-wide room. Generous because players behind a carrier NAT share an IP.
       * @default 256
       */
      perIpConnections: z.number().int().positive().default(256),
      /** Time to receive a request's headers, counted from its first byte or from the connection. @default 10 */
      headersTimeoutSeconds: z.number().int().positive().default(10),
      /** Time to receive a whole request, headers and body. At least `headersTimeoutSeconds`. @default 30 */
      requestTimeoutSeconds: z.number().int().positive().default(30),
      /** Time to receive a body once the headers are in; past it: 408 and the socket is closed. @default 10 */
      bodyTimeoutSeconds: z.number().int().positive().default(10),
      /** Idle time of a keep-alive socket between requests: above a load balancer's 60 s idle timeout. @default 65 */
      keepAliveTimeoutSeconds: z.number().int().positive().default(65),
    })
    .default({
      bodyBytes: 256 * 1024,
      perIpPerMinute: 600,
      perOpenidPerMinute: 120,
      reportsPerPlayerPerMinute: 10,
      reportsPerPlayerPerDay: 200,
      reportsPerGamePerMinute: 3000,
      maxConnections: 10_000,
      perIpConnections: 256,
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 30,
      bodyTimeoutSeconds: 10,
      keepAliveTimeoutSeconds: 65,
    }),
  delivery: z
    .object({
      /** @default 12 */
      maxAttempts: z.number().int().positive().default(12),
      /** Dead after this age even with attempts left. @default 172800 (48 h) */
      maxAgeSeconds: z.number().int().positive().default(48 * 3600),
      /** @default 1000 */
      baseDelayMs: z.number().int().positive().default(1000),
      /** @default 600000 */
      maxDelayMs: z.number().int().positive().default(10 * 60_000),
      /** @default 30000 */
      leaseMs: z.number().int().positive().default(30_000),
      /**
       * Requests in flight per sink. Tianmu and Kakao take one purchase per request, so this bounds their rate at
       * about concurrency / round trip, and the round trip grows when ingest keeps the event loop busy (measured:
       * 4 delivered ~140/s during a 1,500/s ingest). A kill can resend what was in flight (sinks dedupe by id).
       * @default 32
       */
      concurrencyPerSink: z.number().int().positive().default(32),
      /** @default 500 */
      pollIntervalMs: z.number().int().positive().default(500),
    })
    .default({ maxAttempts: 12, maxAgeSeconds: 48 * 3600, baseDelayMs: 1000, maxDelayMs: 600_000, leaseMs: 30_000, concurrencyPerSink: 32, pollIntervalMs: 500 }),
  /**
   * What the relay forgets, and when (`storage/retention.ts`). A purchase every enabled sink has is cut down to what
   * duplicate detection, first pay and reconcile need (its identity columns; its delivery rows go) after
   * `deliveredDays`, and forgotten after `dedupDays` counted from its `paidAt`. Whether a player ever paid is kept
   * for good (`payers`). Purchases with a dead or pending delivery, and verified-revenue orders, are never pruned.
   */
  retention: z
    .object({
      /** Days a fully delivered purchase keeps its report and delivery rows. @default 30 */
      deliveredDays: z.number().positive().default(30),
      /**
       * Days (from `paidAt`) an order id is remembered, so a resend answers `duplicate` (or ORDER_ID_CONFLICT), and
       * reconcile can compare. The default is the oldest `paidAt` the relay accepts (`http/paid-at-window.ts`), so
       * every report it could still accept is recognised. @default 400
       */
      dedupDays: z.number().positive().default(400),
      /** How often pruning looks for work (it then works in small batches until none is left). @default 600000 */
      intervalMs: z.number().int().positive().default(600_000),
    })
    .default({ deliveredDays: 30, dedupDays: 400, intervalMs: 600_000 }),
  games: z.array(GameConfigSchema).min(1),
});

export type RelayConfig = z.infer<typeof RelayConfigSchema>;
export type GameConfig = z.infer<typeof GameConfigSchema>;
export type WechatPayConfig = z.infer<typeof WechatPayConfigSchema>;
export type DouyinPayConfig = z.infer<typeof DouyinPayConfigSchema>;
export type QqPayConfig = z.infer<typeof QqPayConfigSchema>;

/** Every sink the relay knows, from `sinks/index.ts` `SINKS`: re-exported for the parts that may not import sinks (storage). */
export { SINK_NAMES, type SinkName };

/** The sinks a game delivers to, in `SINK_NAMES` order: the one definition of "enabled sinks". */
export function enabledSinksOf(game: GameConfig): SinkName[] {
  return SINK_NAMES.filter((s) => game.sinks[s] !== undefined);
}

/** The sinks at least one game of the relay delivers to, in `SINK_NAMES` order. */
export function enabledSinkNames(config: Pick<RelayConfig, 'games'>): SinkName[] {
  return SINK_NAMES.filter((s) => config.games.some((g) => g.sinks[s] !== undefined));
}
