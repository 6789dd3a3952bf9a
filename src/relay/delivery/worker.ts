import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { GameConfig, RelayConfig, SinkName } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { Classification, Sink } from '../sinks/sink';
import type { ClaimedDelivery, Storage } from '../storage/storage';
import { CaptureWriter } from './capture-file';
import { decideAttempt, describeSendError } from './retry-policy';
import { sendRequest } from './send-request';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySink = Sink<any>;
/** What every sink config has, whatever the sink (config-schema's `sinkTarget`). */
interface SinkTarget {
  url?: string;
  capture?: string;
  timeoutMs: number;
}

export type AttemptOutcome = 'delivered' | 'retry' | 'dead';

/**
 * Rows one claim takes at most. A claim is one synchronous transaction on the event loop: after a backlog, a Hive
 * loop with many slots of 50 rows would otherwise hold the loop for thousands of rows; the rest is claimed next.
 */
const MAX_CLAIM_ROWS = 500;

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
  onAttempt?: (sink: SinkName, outcome: AttemptOutcome, durationMs: number) => void;
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

/** One request's worth of claimed rows: one sink, one game. */
interface Batch {
  game: GameConfig | undefined;
  config: (SinkTarget & Record<string, unknown>) | undefined;
  rows: ClaimedDelivery[];
  claimedAt: number;
}

/**
 * The delivery worker. Each sink has its own loop and its own `concurrencyPerSink` requests in flight, so a sink
 * that hangs or fails only slows itself. Every failure, whatever throws, becomes a classified attempt result.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { storage, config, log } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy = config.delivery;
  const games = new Map(config.games.map((g) => [g.appId, g]));
  const secrets = configSecrets(config);
  const capture = new CaptureWriter();
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  const abort = new AbortController();
  // One listener per request in flight: concurrencyPerSink x sinks can pass node's default warning threshold of 10.
  setMaxListeners(0, abort.signal);
  const allSinks: AnySink[] = Array.isArray(options.sinks) ? [...options.sinks] : Object.values(options.sinks);
  // Only sinks some game enables get a loop.
  const sinks = allSinks.filter((s) => config.games.some((g) => s.configOf(g) !== undefined));

  let stopping = false;
  let running: Promise<void>[] | undefined;
  let wake: () => void = () => undefined;
  const wakeUp = new Promise<void>((r) => (wake = r));

  for (const sink of sinks) {
    for (const g of config.games) {
      const c = sink.configOf(g) as SinkTarget | undefined;
      if (c?.url !== undefined && policy.leaseMs <= c.timeoutMs) {
        log.warn({ sink: sink.name, appId: g.appId, leaseMs: policy.leaseMs, timeoutMs: c.timeoutMs }, 'delivery.leaseMs should exceed the sink timeout, or a slow request can be sent twice');
      }
    }
  }

  class SinkLoop {
    readonly inFlight = new Set<Promise<void>>();
    private readonly queue: Batch[] = [];
    private readonly perRequest: number;
    /**
     * While requests are in flight, a claim waits until this many slots are free. A claim is a write transaction
     * whose due-row scan passes every leased row first, so claiming one row per finished request cost a tenth of
     * the relay's CPU at 64 in flight; a quarter of the slots idling briefly costs less.
     */
    private readonly claimAtLeast = Math.max(1, Math.floor(policy.concurrencyPerSink / 4));

    constructor(private readonly sink: AnySink) {
      const sizes = config.games.map((g) => {
        const c = sink.configOf(g);
        return c === undefined ? 1 : Math.max(1, sink.maxBatch(c));
      });
      this.perRequest = Math.max(1, ...sizes);
    }

    /** Starts requests until every slot is busy or nothing is due. Resolves how many rows it started. */
    async fill(): Promise<number> {
      let started = 0;
      while (!stopping && this.inFlight.size < policy.concurrencyPerSink) {
        if (this.queue.length === 0) {
          const free = policy.concurrencyPerSink - this.inFlight.size;
          if (free < this.claimAtLeast && this.inFlight.size > 0) break;
          const at = now();
          const claimed = await storage.claimDue(this.sink.name, at, Math.min(free * this.perRequest, MAX_CLAIM_ROWS), policy.leaseMs);
          if (claimed.length === 0) break;
          this.queue.push(...this.plan(claimed, at));
        }
        const batch = this.queue.shift()!;
        // A batch that waited for a slot until its lease is nearly over is left to expire and be claimed again,
        // rather than sent while another worker may already hold it.
        const timeout = batch.config?.url !== undefined ? batch.config.timeoutMs : 0;
        const waited = now() - batch.claimedAt;
        if (waited >= policy.leaseMs / 2 && waited + timeout >= policy.leaseMs) {
          log.debug({ sink: this.sink.name, rows: batch.rows.length, waitedMs: waited }, 'batch waited too long for a slot: its lease is left to expire');
          continue;
        }
        started += batch.rows.length;
        const p: Promise<void> = this.attempt(batch).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      }
      return started;
    }

    /** Groups claimed rows by game and cuts them to the sink's batch size for that game. */
    private plan(claimed: ClaimedDelivery[], claimedAt: number): Batch[] {
      const byGame = new Map<string, ClaimedDelivery[]>();
      for (const row of claimed) {
        const key = row.purchase.report.appId;
        const list = byGame.get(key);
        if (list) list.push(row);
        else byGame.set(key, [row]);
      }
      const batches: Batch[] = [];
      for (const [appId, rows] of byGame) {
        const game = games.get(appId);
        const cfg = game ? (this.sink.configOf(game) as Batch['config']) : undefined;
        const size = cfg ? Math.max(1, this.sink.maxBatch(cfg)) : 1;
        for (let i = 0; i < rows.length; i += size) batches.push({ game, config: cfg, rows: rows.slice(i, i + size), claimedAt });
      }
      return batches;
    }

    private async attempt(batch: Batch): Promise<void> {
      const started = performance.now();
      const verdicts = await this.classifyAttempt(batch);
      const durationMs = performance.now() - started;
      await Promise.all(
        batch.rows.map(async (row, i) => {
          const result = decideAttempt(verdicts[i], row, policy, now(), random);
          try {
            const kept = await storage.complete(row.id, row.leaseToken, result);
            if (!kept) log.warn({ sink: this.sink.name, deliveryId: row.id }, 'lease lost before the result was recorded; the newer holder decides');
          } catch (err) {
            // The lease expires and the row is attempted again: a duplicate at worst, never a loss.
            log.error({ sink: this.sink.name, deliveryId: row.id, err: String(err) }, 'could not record a delivery attempt');
          }
          const fields = { sink: this.sink.name, deliveryId: row.id, orderId: row.purchase.report.orderId, attempts: row.attempts + 1, ms: Math.round(durationMs) };
          if (result.outcome === 'delivered') log.debug(fields, 'delivered');
          else if (result.outcome === 'retry') log.info({ ...fields, error: result.error, nextAttemptAt: result.nextAttemptAt }, 'delivery will be retried');
          else log.warn({ ...fields, error: result.error }, 'delivery is dead');
          options.onAttempt?.(this.sink.name, result.outcome, durationMs);
        }),
      );
    }

    /**
     * One classification per row of the batch: rows the sink refuses (its rules and its row schema) are dead on
     * their own without a request, the rest share one request, cut in halves if the upstream refuses it.
     * This is also what keeps `retry-dead` from poisoning a batch again: a row that died alone is checked again
     * on its next claim, and dies alone again if it is still refused, by its row schema or by bisection.
     */
    private async classifyAttempt(batch: Batch): Promise<Classification[]> {
      const appId = batch.rows[0].purchase.report.appId;
      const all = (c: Classification) => batch.rows.map(() => c);
      const { game, config: cfg } = batch;
      if (!game) return all({ outcome: 'dead', reason: `game ${appId} is not in the config` });
      if (!cfg) return all({ outcome: 'dead', reason: `sink ${this.sink.name} is not enabled for game ${appId}` });
      const verdicts: Array<Classification | undefined> = batch.rows.map((row) => {
        try {
          const why = this.sink.refuse?.(row.purchase, cfg, game);
          return why === undefined ? undefined : { outcome: 'dead', reason: why };
        } catch (err) {
          return { outcome: 'dead', reason: `cannot check the purchase for ${this.sink.name}: ${errorText(err)}` };
        }
      });
      const sendable = batch.rows.filter((_, i) => verdicts[i] === undefined);
      if (sendable.length > 0) {
        const sent = await this.sendBisecting(sendable, cfg, game, batch.claimedAt);
        let k = 0;
        batch.rows.forEach((_, i) => (verdicts[i] ??= sent[k++]));
      }
      return verdicts as Classification[];
    }

    /**
     * Sends `rows` in one request. An upstream answers one verdict per request, so when it refuses a batch of
     * several rows for good (`dead`), the batch is cut in halves and each half resent, one after the other within
     * this slot: the halves it takes are delivered, a refused half is cut again, and a row refused alone is dead
     * with the upstream's reason. The extra requests are at most 2·⌈log2 n⌉, enough to isolate one bad row of n;
     * rows still in a refused part when that budget is spent are retried on a later attempt (where bisection
     * isolates the next bad row), never marked dead for a neighbour. So are they when two more requests could
     * outlast the lease, after which another worker may hold the rows.
     */
    private async sendBisecting(rows: ClaimedDelivery[], cfg: NonNullable<Batch['config']>, game: GameConfig, claimedAt: number): Promise<Classification[]> {
      const verdicts: Classification[] = new Array<Classification>(rows.length);
      let budget = 2 * Math.ceil(Math.log2(rows.length));
      const timeout = cfg.url !== undefined ? cfg.timeoutMs : 0;
      const settle = async (lo: number, hi: number, verdict: Classification): Promise<void> => {
        if (verdict.outcome !== 'dead' || hi - lo === 1) {
          verdicts.fill(verdict, lo, hi);
          return;
        }
        if (budget < 2 || now() - claimedAt + 2 * timeout >= policy.leaseMs) {
          verdicts.fill({ outcome: 'retry', reason: `refused in a batch of ${hi - lo} rows not yet cut down to the row at fault: ${verdict.reason}` }, lo, hi);
          return;
        }
        budget -= 2;
        log.info({ sink: this.sink.name, rows: hi - lo, reason: verdict.reason }, 'batch refused: resending it in halves to find the row at fault');
        const mid = lo + Math.ceil((hi - lo) / 2);
        const first = await this.send(rows.slice(lo, mid), cfg, game);
        const second = await this.send(rows.slice(mid, hi), cfg, game);
        await settle(lo, mid, first);
        await settle(mid, hi, second);
      };
      await settle(0, rows.length, await this.send(rows, cfg, game));
      return verdicts;
    }

    private async send(rows: ClaimedDelivery[], cfg: NonNullable<Batch['config']>, game: GameConfig): Promise<Classification> {
      let request;
      try {
        request = this.sink.toRequest(rows.map((r) => r.purchase), cfg, game);
      } catch (err) {
        // The mapping is pure: the same purchase would fail the same way on every retry.
        return { outcome: 'dead', reason: `cannot build the ${this.sink.name} request: ${errorText(err)}` };
      }
      try {
        if (cfg.capture !== undefined) {
          await capture.append(cfg.capture, this.sink.name, request, now(), secrets);
          return { outcome: 'delivered' };
        }
        const response = await sendRequest(request, { timeoutMs: cfg.timeoutMs, signal: abort.signal, agents });
        try {
          return this.sink.classify(response);
        } catch (err) {
          return { outcome: 'retry', reason: `unclassifiable answer (HTTP ${response.status}): ${errorText(err)}` };
        }
      } catch (err) {
        return { outcome: 'retry', reason: describeSendError(err) };
      }
    }

    /** The loop of `start()`. */
    async run(): Promise<void> {
      while (!stopping) {
        let started = 0;
        try {
          started = await this.fill();
        } catch (err) {
          log.error({ sink: this.sink.name, err: String(err) }, 'claiming deliveries failed; trying again');
        }
        if (stopping) break;
        const idle = sleep(policy.pollIntervalMs);
        if (started === 0 || this.inFlight.size >= policy.concurrencyPerSink) {
          await Promise.race([idle.done, wakeUp, ...this.inFlight]);
        }
        idle.cancel();
      }
      await Promise.allSettled([...this.inFlight]);
    }

    /** The loop of `drainOnce()`. */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        const started = await this.fill();
        total += started;
        if (this.inFlight.size === 0 && started === 0) return total;
        if (this.inFlight.size > 0) await Promise.race([...this.inFlight]);
      }
    }
  }

  const loops = sinks.map((s) => new SinkLoop(s));

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
        abort.abort();
        await all;
      }
      agents.http.destroy();
      agents.https.destroy();
    },
    async drainOnce() {
      if (running) throw new Error('drainOnce() is for a worker that is not started');
      const counts = await Promise.all(loops.map((l) => l.drain()));
      return counts.reduce((a, b) => a + b, 0);
    },
  };

  function sleep(ms: number): { done: Promise<void>; cancel(): void } {
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((r) => (timer = setTimeout(r, ms)));
    return { done, cancel: () => clearTimeout(timer) };
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Every secret of the config, so a capture line can never hold one even in an unexpected header. */
function configSecrets(config: RelayConfig): string[] {
  const out: Array<string | undefined> = [config.session.secret, config.adminToken];
  for (const g of config.games) {
    out.push(g.wechat?.appSecret, g.sinks.kakao?.appSecret, g.sinks.kakao?.adminKey, g.gravity?.appKey);
  }
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}
