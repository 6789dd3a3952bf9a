import { parentPort, workerData } from 'node:worker_threads';
import type { SinkName } from '../config/config-schema';
import { createRelayLogger } from '../log/logger';
import { collectSecrets } from '../secrets';
import { SINKS } from '../sinks';
import type { AttemptResult, ClaimedDelivery, Storage } from '../storage/storage';
import type { FromThread, ThreadData, ToThread } from './delivery-thread';
import { createDeliveryWorker, type AttemptOutcome } from './worker';

/** The delivery thread (`delivery-thread.ts`): the ordinary delivery worker, its storage calls sent to the main thread. */
function main(): void {
  const port = parentPort!;
  const { config, logLevel } = workerData as ThreadData;
  const log = createRelayLogger({ secrets: collectSecrets(config), level: logLevel }).child({ thread: 'delivery' });
  const send = (m: FromThread) => port.postMessage(m);
  let calls = 0;
  const pending = new Map<number, { resolve(v: never): void; reject(e: Error): void }>();
  const call = <T>(m: (n: number) => FromThread): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const n = ++calls;
      pending.set(n, { resolve: resolve, reject });
      send(m(n));
    });

  // Results finished in the same turn of this loop travel as one message and commit as one group.
  let completions: Array<{ id: number; token: string; result: AttemptResult; done(kept: boolean): void; fail(e: Error): void }> = [];
  const flushCompletions = () => {
    const batch = completions;
    completions = [];
    call<boolean[]>((n) => ({ type: 'complete', call: n, items: batch.map(({ id, token, result }) => ({ id, token, result })) })).then(
      (kept) => batch.forEach((c, i) => c.done(kept[i])),
      (err: Error) => batch.forEach((c) => c.fail(err)),
    );
  };
  const storage: Pick<Storage, 'claimDue' | 'complete'> = {
    claimDue: (sink, now, limit, leaseMs) => call<ClaimedDelivery[]>((n) => ({ type: 'claim', call: n, sink, now, limit, leaseMs })),
    complete: (id, token, result) =>
      new Promise<boolean>((done, fail) => {
        if (completions.length === 0) setImmediate(flushCompletions);
        completions.push({ id, token, result, done, fail });
      }),
  };

  let attempts: Array<[SinkName, AttemptOutcome]> = [];
  const flushAttempts = () => {
    if (attempts.length === 0) return;
    send({ type: 'attempts', attempts });
    attempts = [];
  };
  const timer = setInterval(flushAttempts, 100);
  const worker = createDeliveryWorker({ storage, config, sinks: SINKS, log, onAttempt: (sink, outcome) => attempts.push([sink, outcome]) });

  port.on('message', (m: ToThread) => {
    if (m.type === 'claimed' || m.type === 'completed') {
      const p = pending.get(m.call);
      pending.delete(m.call);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve((m.type === 'claimed' ? m.rows : m.kept) as never);
    } else if (m.type === 'stop') {
      void worker.stop().then(() => {
        clearInterval(timer);
        flushAttempts();
        log.flush();
        port.close();
      });
    }
  });
  worker.start();
  send({ type: 'started' });
}

main();
