import type { RelayConfig } from '../config/config-schema';
import { enabledSinkNames } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import { collectSecrets } from '../secrets';
import type { Storage } from '../storage/storage';
import { SinkLoop, sleep, type AttemptOutcome } from './sink-loop';
import { createTransport, type AnySink, type SinkTarget } from './transport';

export type { AttemptOutcome } from './sink-loop';

export interface DeliveryWorkerOptions {
  /** Where rows are claimed and results recorded: the relay's storage, or the delivery thread's link to it. */
  storage: Pick<Storage, 'claimDue' | 'complete'>;
  config: RelayConfig;
  /** The sinks (`SINKS` of `sinks/index.ts`), as a list or keyed by name. Only those some game enables run. */
  sinks: readonly AnySink[] | Readonly<Record<string, AnySink>>;
  log: Pick<RelayLogger, 'debug' | 'info' | 'warn' | 'error'>;
  /** The clock deliveries are stamped and scheduled with (ms). @default Date.now */
  now?: () => number;
  /** The jitter source of the backoff. @default Math.random */
  random?: () => number;
  /** Called once per delivery row attempted, with the stored outcome and the request's duration (metrics). @default none */
  onAttempt?: (sink: AnySink['name'], outcome: AttemptOutcome, durationMs: number) => void;
  /** How long `stop()` lets requests in flight finish before aborting them (they are then retried). @default 5000 */
  stopTimeoutMs?: number;
}

export interface DeliveryWorker {
  /** Runs one loop per sink until `stop()`. */
  start(): void;
  /** Stops claiming, waits for requests in flight (at most `stopTimeoutMs`, then aborts them), records them. */
  stop(): Promise<void>;
  /**
   * Without `start()`: attempts every delivery due now, sink by sink in parallel, until none is due (a retry
   * scheduled in the future is left for later). Resolves how many delivery rows were attempted.
   */
  drainOnce(): Promise<number>;
}

/**
 * The delivery worker: the coordinator of one `SinkLoop` per enabled sink (`sink-loop.ts`), which share one
 * transport (capture files, keep-alive agents, the abort of shutdown). Each loop has its own `concurrencyPerSink`
 * requests in flight, so a sink that hangs or fails only slows itself.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const transport = createTransport({ now, secrets: collectSecrets(config) });
  // A list or a record of sinks: Object.values gives the sinks of either.
  const allSinks = Object.values<AnySink>(options.sinks);
  const enabled = new Set<string>(enabledSinkNames(config));
  const sinks = allSinks.filter((s) => enabled.has(s.name));

  let stopping = false;
  let running: Promise<void>[] | undefined;
  let wake: () => void = () => undefined;
  const wakeUp = new Promise<void>((r) => (wake = r));

  for (const sink of sinks) {
    for (const g of config.games) {
      const c = sink.configOf(g) as SinkTarget | undefined;
      if (c?.url !== undefined && config.delivery.leaseMs <= c.timeoutMs) {
        log.warn({ sink: sink.name, appId: g.appId, leaseMs: config.delivery.leaseMs, timeoutMs: c.timeoutMs }, 'delivery.leaseMs should exceed the sink timeout, or a slow request can be sent twice');
      }
    }
  }

  const deps = {
    storage: options.storage,
    config,
    games: new Map(config.games.map((g) => [g.appId, g])),
    transport,
    log,
    now,
    random,
    stopping: () => stopping,
    wakeUp,
    onAttempt: options.onAttempt,
  };
  const loops = sinks.map((s) => new SinkLoop(s, deps));

  return {
    start() {
      if (running) return;
      if (stopping) throw new Error('the delivery worker was stopped');
      running = loops.map((l) => l.run());
      log.info({ sinks: sinks.map((s) => s.name) }, 'delivery worker started');
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      wake();
      const all = Promise.all([...(running ?? []), ...loops.flatMap((l) => [...l.inFlight])]);
      const grace = sleep(options.stopTimeoutMs ?? 5000);
      const timedOut = await Promise.race([all.then(() => false), grace.done.then(() => true)]);
      grace.cancel();
      if (timedOut) {
        log.warn({}, 'delivery requests still in flight at shutdown: aborting them (they will be retried)');
        transport.abort();
        await all;
      }
      transport.close();
    },
    async drainOnce() {
      if (running) throw new Error('drainOnce() is for a worker that is not started');
      const counts = await Promise.all(loops.map((l) => l.drain()));
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}
