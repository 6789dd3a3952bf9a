import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { RelayConfig, SinkName } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { AttemptResult, ClaimedDelivery, Storage } from '../storage/storage';
import type { AttemptOutcome } from './worker';

/**
 * The delivery worker in a `worker_threads` thread, so the sinks' requests (building, sending, reading and
 * classifying three HTTP exchanges per purchase) use the second core instead of the event loop that reads reports
 * and commits them. Measured: ingest while delivering to three sinks about doubles (README, Benchmarks).
 *
 * The thread runs the ordinary `createDeliveryWorker`; its claims and results come here and go through the relay's
 * own storage, so one connection writes. A second SQLite connection in the thread was measured first: its claims and
 * results waited in SQLite's busy handler (sleeps of 1, 2, 5, 10 ms...) for the ingest commits that hold the write
 * lock through their fsync, and Tianmu and Kakao drained at 0.05 of the ingest rate. Nothing of the guarantee
 * changes: the same claims with leases, the same results guarded by the lease token; a process kill takes both
 * threads at once and leaves what it always left (leases expire, rows in flight are sent again).
 */
export interface DeliveryThreadOptions {
  config: RelayConfig;
  storage: Pick<Storage, 'claimDue' | 'complete'>;
  /** The thread logs to stdout at this logger's level. */
  log: Pick<RelayLogger, 'info' | 'warn' | 'error' | 'level'>;
  /** Attempts the thread recorded, about every 100 ms (metrics). */
  onAttempts?: (attempts: ReadonlyArray<[SinkName, AttemptOutcome]>) => void;
  /** How long after an unexpected exit of the thread a new one starts. @default 1000 */
  restartDelayMs?: number;
  /** Makes each thread (a test keeps hold of them to end one). @default the relay's thread entry, within THREAD_LIMITS */
  newWorker?: (data: ThreadData) => Worker;
}

export interface DeliveryThread {
  /** Resolves once the thread's loops run. */
  start(): Promise<void>;
  /** Stops claiming, lets requests in flight finish (at most 5 s, then aborts them), and waits for the thread to end. */
  stop(): Promise<void>;
}

export interface ThreadData {
  config: RelayConfig;
  logLevel: string;
}

/** Messages from the thread. */
export type FromThread =
  | { type: 'started' }
  | { type: 'attempts'; attempts: Array<[SinkName, AttemptOutcome]> }
  | { type: 'claim'; call: number; sink: SinkName; now: number; limit: number; leaseMs: number }
  | { type: 'complete'; call: number; items: Array<{ id: number; token: string; result: AttemptResult }> };

/** Messages to the thread. */
export type ToThread =
  | { type: 'stop' }
  | { type: 'claimed'; call: number; rows?: ClaimedDelivery[]; error?: string }
  | { type: 'completed'; call: number; kept?: boolean[]; error?: string };

export function startDeliveryThread(options: DeliveryThreadOptions): DeliveryThread {
  const { log, storage } = options;
  let worker: Worker | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

  function serve(w: Worker, m: FromThread): void {
    const reply = (msg: ToThread) => {
      // A thread that ended meanwhile has nobody to answer; its leases expire.
      if (worker === w) w.postMessage(msg);
    };
    if (m.type === 'claim') {
      storage.claimDue(m.sink, m.now, m.limit, m.leaseMs).then(
        (rows) => reply({ type: 'claimed', call: m.call, rows }),
        (err: unknown) => reply({ type: 'claimed', call: m.call, error: String(err) }),
      );
    } else if (m.type === 'complete') {
      // Submitted together, so the storage commits them as one group.
      Promise.all(m.items.map((i) => storage.complete(i.id, i.token, i.result))).then(
        (kept) => reply({ type: 'completed', call: m.call, kept }),
        (err: unknown) => reply({ type: 'completed', call: m.call, error: String(err) }),
      );
    }
  }

  function spawn(): Promise<void> {
    const w = (options.newWorker ?? entryWorker)({ config: options.config, logLevel: log.level });
    worker = w;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      w.on('message', (m: FromThread) => {
        if (m.type === 'started') {
          started = true;
          resolve();
        } else if (m.type === 'attempts') options.onAttempts?.(m.attempts);
        else serve(w, m);
      });
      w.on('error', (err) => {
        log.error({ err: String(err) }, 'delivery thread failed');
        if (!started) reject(err);
      });
      w.on('exit', (code) => {
        if (worker === w) worker = undefined;
        if (!started) return reject(new Error(`delivery thread exited with ${code} before it started`));
        if (stopping) return;
        // Deliveries are only late while no thread runs: the rows wait in storage, their leases expire.
        log.error({ code }, 'delivery thread exited: starting a new one');
        restartTimer = setTimeout(() => void spawn().catch((err) => log.error({ err: String(err) }, 'delivery thread restart failed')), options.restartDelayMs ?? 1000);
      });
    });
  }

  return {
    start: spawn,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const w = worker;
      if (!w) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ type: 'stop' } satisfies ToThread);
      });
    },
  };
}

/**
 * The thread's heap, bounded so the relay stays within its 200 MB budget: with V8's default young generation for a
 * new isolate the relay peaked at 194 to 246 MB while delivering, with this at 169 to 172 MB (`npm run bench --
 * relay-ingest`). The thread holds only the rows in flight; if it ever runs out, it exits and is restarted, and its
 * leased rows are claimed again when their leases end.
 */
export const THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 };

/**
 * A relay delivery thread, within THREAD_LIMITS. It runs the compiled JavaScript when the relay is compiled (a
 * published package); in a checkout, where this file is TypeScript run by ts-node (or jest), the thread registers
 * ts-node itself: a thread inherits no require hook.
 */
export function entryWorker(workerData: ThreadData): Worker {
  const compiled = __filename.endsWith('.js');
  const entry = join(__dirname, `delivery-thread-main.${compiled ? 'js' : 'ts'}`);
  if (compiled) return new Worker(entry, { workerData, resourceLimits: THREAD_LIMITS });
  const project = join(__dirname, '..', '..', '..', 'tsconfig.json');
  // Resolved here: the eval'd code resolves modules from the working directory, which may be anywhere.
  const tsNode = createRequire(__filename).resolve('ts-node');
  const code = `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, project: ${JSON.stringify(project)} }); require(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true, workerData, resourceLimits: THREAD_LIMITS });
}
