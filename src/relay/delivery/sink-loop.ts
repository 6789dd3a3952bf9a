import { performance } from 'node:perf_hooks';
import type { GameConfig, RelayConfig, SinkName } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { Classification } from '../sinks/sink';
import type { ClaimedDelivery, Storage } from '../storage/storage';
import { decideAttempt } from './retry-policy';
import { errorText, type AnySink, type SinkTarget, type Transport } from './transport';

export type AttemptOutcome = 'delivered' | 'retry' | 'dead';

/**
 * Rows one claim takes at most. A claim is one synchronous transaction on the event loop: after a backlog, a Hive
 * loop with many slots of 50 rows would otherwise hold the loop for thousands of rows; the rest is claimed next.
 */
const MAX_CLAIM_ROWS = 500;

/** What one sink's loop needs, given by the worker (`worker.ts`) that owns the loops. */
export interface SinkLoopDeps {
  storage: Pick<Storage, 'claimDue' | 'complete'>;
  config: RelayConfig;
  games: ReadonlyMap<string, GameConfig>;
  transport: Transport;
  log: Pick<RelayLogger, 'debug' | 'info' | 'warn' | 'error'>;
  now(): number;
  random(): number;
  /** True once the worker stops: claim nothing more. */
  stopping(): boolean;
  /** Resolves when the worker stops, to end an idle wait. */
  wakeUp: Promise<void>;
  onAttempt?: (sink: SinkName, outcome: AttemptOutcome, durationMs: number) => void;
}

/** One request's worth of claimed rows: one sink, one game. */
interface Batch {
  game: GameConfig | undefined;
  config: (SinkTarget & Record<string, unknown>) | undefined;
  rows: ClaimedDelivery[];
  claimedAt: number;
}

/**
 * One sink's delivery loop: claims due rows (a quarter of its slots at a time), cuts them into batches per game,
 * sends them with `concurrencyPerSink` requests in flight, and records each row's result. A sink that hangs or fails
 * only slows itself.
 */
export class SinkLoop {
  readonly inFlight = new Set<Promise<void>>();
  private readonly queue: Batch[] = [];
  private readonly perRequest: number;
  /**
   * While requests are in flight, a claim waits until this many slots are free. A claim is a write transaction
   * whose due-row scan passes every leased row first, so claiming one row per finished request cost a tenth of
   * the relay's CPU at 64 in flight; a quarter of the slots idling briefly costs less.
   */
  private readonly claimAtLeast: number;

  constructor(
    private readonly sink: AnySink,
    private readonly d: SinkLoopDeps,
  ) {
    const sizes = d.config.games.map((g) => {
      const c: unknown = sink.configOf(g);
      return c === undefined ? 1 : Math.max(1, sink.maxBatch(c));
    });
    this.perRequest = Math.max(1, ...sizes);
    this.claimAtLeast = Math.max(1, Math.floor(d.config.delivery.concurrencyPerSink / 4));
  }

  private get policy() {
    return this.d.config.delivery;
  }

  /** Starts requests until every slot is busy or nothing is due. Resolves how many rows it started. */
  async fill(): Promise<number> {
    let started = 0;
    while (!this.d.stopping() && this.inFlight.size < this.policy.concurrencyPerSink) {
      if (this.queue.length === 0) {
        const free = this.policy.concurrencyPerSink - this.inFlight.size;
        if (free < this.claimAtLeast && this.inFlight.size > 0) break;
        const at = this.d.now();
        const claimed = await this.d.storage.claimDue(this.sink.name, at, Math.min(free * this.perRequest, MAX_CLAIM_ROWS), this.policy.leaseMs);
        if (claimed.length === 0) break;
        this.queue.push(...this.plan(claimed, at));
      }
      const batch = this.queue.shift()!;
      // A batch that waited for a slot until its lease is nearly over is left to expire and be claimed again,
      // rather than sent while another worker may already hold it.
      const timeout = batch.config?.url !== undefined ? batch.config.timeoutMs : 0;
      const waited = this.d.now() - batch.claimedAt;
      if (waited >= this.policy.leaseMs / 2 && waited + timeout >= this.policy.leaseMs) {
        this.d.log.debug({ sink: this.sink.name, rows: batch.rows.length, waitedMs: waited }, 'batch waited too long for a slot: its lease is left to expire');
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
      const game = this.d.games.get(appId);
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
        const result = decideAttempt(verdicts[i], row, this.policy, this.d.now(), this.d.random);
        try {
          const kept = await this.d.storage.complete(row.id, row.leaseToken, result);
          if (!kept) this.d.log.warn({ sink: this.sink.name, deliveryId: row.id }, 'lease lost before the result was recorded; the newer holder decides');
        } catch (err) {
          // The lease expires and the row is attempted again: a duplicate at worst, never a loss.
          this.d.log.error({ sink: this.sink.name, deliveryId: row.id, err: String(err) }, 'could not record a delivery attempt');
        }
        const fields = { sink: this.sink.name, deliveryId: row.id, orderId: row.purchase.report.orderId, attempts: row.attempts + 1, ms: Math.round(durationMs) };
        if (result.outcome === 'delivered') this.d.log.debug(fields, 'delivered');
        else if (result.outcome === 'retry') this.d.log.info({ ...fields, error: result.error, nextAttemptAt: result.nextAttemptAt }, 'delivery will be retried');
        else this.d.log.warn({ ...fields, error: result.error }, 'delivery is dead');
        this.d.onAttempt?.(this.sink.name, result.outcome, durationMs);
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
      if (budget < 2 || this.d.now() - claimedAt + 2 * timeout >= this.policy.leaseMs) {
        verdicts.fill({ outcome: 'retry', reason: `refused in a batch of ${hi - lo} rows not yet cut down to the row at fault: ${verdict.reason}` }, lo, hi);
        return;
      }
      budget -= 2;
      this.d.log.info({ sink: this.sink.name, rows: hi - lo, reason: verdict.reason }, 'batch refused: resending it in halves to find the row at fault');
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
    return this.d.transport.send(this.sink, request, cfg);
  }

  /** The loop of `start()`. */
  async run(): Promise<void> {
    while (!this.d.stopping()) {
      let started = 0;
      try {
        started = await this.fill();
      } catch (err) {
        this.d.log.error({ sink: this.sink.name, err: String(err) }, 'claiming deliveries failed; trying again');
      }
      if (this.d.stopping()) break;
      const idle = sleep(this.policy.pollIntervalMs);
      if (started === 0 || this.inFlight.size >= this.policy.concurrencyPerSink) {
        await Promise.race([idle.done, this.d.wakeUp, ...this.inFlight]);
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

export function sleep(ms: number): { done: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((r) => (timer = setTimeout(r, ms)));
  return { done, cancel: () => clearTimeout(timer) };
}
