/**
 * The relay configs the benches run, in one place, so that `test/bench/bench-configs.test.ts` loads each as
 * `purchase-relay start` would: a bench whose config the relay refuses (a new required key, a new cross-check) fails
 * `npm test` instead of being found broken at the next `npm run bench`.
 */

/** The secrets the configs name (`env:`), set in each relay's environment by the bench. */
export const BENCH_ENV = {
  BENCH_SESSION_SECRET: 'bench-session-secret-0123456789',
  BENCH_KAKAO_SECRET: 'bench-kakao-secret-abcdef',
  BENCH_KAKAO_ADMIN: 'bench-kakao-admin-abcdef',
};

export const BENCH_APP_ID = 'wx1234567891234567';

type SinkName = 'tianmu' | 'hive' | 'kakao';

const SANDBOX_SESSIONS = { mode: 'sandbox', secret: 'env:BENCH_SESSION_SECRET' };
/** Every limit out of the way: the benches measure throughput, not the limits (relay-flood measures those). */
const RAISED_LIMITS = { perIpPerMinute: 100_000_000, perOpenidPerMinute: 100_000_000, reportsPerPlayerPerMinute: 100_000_000, reportsPerPlayerPerDay: 100_000_000, reportsPerGamePerMinute: 100_000_000 };
const SINK_FIELDS: Record<SinkName, object> = {
  tianmu: {},
  hive: { appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN' },
  kakao: { appId: '103815', appSecret: 'env:BENCH_KAKAO_SECRET', adminKey: 'env:BENCH_KAKAO_ADMIN', defaultCountry: 'kr' },
};

/** The named sinks, each at its URL (a fake, or a port nothing listens on). */
export function sinksAt(urls: Partial<Record<SinkName, string>>): object {
  return Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, { url, ...SINK_FIELDS[name as SinkName] }]));
}

/** Tianmu, Hive and Kakao writing what they would send to files in `dir` (`capture`). */
export function captureSinks(dir: string): object {
  return Object.fromEntries(Object.entries(SINK_FIELDS).map(([name, fields]) => [name, { capture: dir, ...fields }]));
}

/** relay-ingest: sandbox sessions delivering to fakes (revenue from sandbox logins allowed on purpose), limits raised. */
export function ingestConfig(storage: object, sinks: object, concurrencyPerSink?: number): object {
  return {
    host: '127.0.0.1',
    port: 0,
    storage,
    session: SANDBOX_SESSIONS,
    allowSandboxRevenue: true,
    limits: RAISED_LIMITS,
    ...(concurrencyPerSink === undefined ? {} : { delivery: { concurrencyPerSink } }),
    games: [{ appId: BENCH_APP_ID, sinks }],
  };
}

/** relay-fleet: as a fleet runs (allowSandboxRevenue left off), limits raised. */
export function fleetConfig(storage: object, sinks: object): object {
  return { host: '127.0.0.1', port: 0, storage, session: SANDBOX_SESSIONS, limits: RAISED_LIMITS, games: [{ appId: BENCH_APP_ID, sinks }] };
}

/** relay-flood: the report limits given (the defaults, or off), sinks that never answer, a slow retry. */
export function floodConfig(sqlite: string, limits: object, downUrl: string): object {
  return {
    host: '127.0.0.1',
    port: 0,
    storage: { sqlite },
    session: SANDBOX_SESSIONS,
    allowSandboxRevenue: true,
    limits: { perIpPerMinute: 100_000_000, ...limits },
    delivery: { baseDelayMs: 1000, maxDelayMs: 60_000 },
    games: [{ appId: BENCH_APP_ID, sinks: sinksAt({ tianmu: downUrl, hive: downUrl }) }],
  };
}

/** connection-storm: every connection limit at its default, as a production relay has it. */
export function stormConfig(sqlite: string, captureDir: string): object {
  return {
    host: '127.0.0.1',
    port: 0,
    storage: { sqlite },
    session: SANDBOX_SESSIONS,
    limits: { perIpPerMinute: 100_000_000, perOpenidPerMinute: 100_000_000 },
    games: [{ appId: BENCH_APP_ID, sinks: { tianmu: { capture: captureDir } } }],
  };
}
