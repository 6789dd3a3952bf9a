import { createRelayLogger } from '../../../src/relay/log/logger';
import type { Worker } from 'node:worker_threads';
import { entryWorker, startDeliveryThread, THREAD_LIMITS, type ThreadData } from '../../../src/relay/delivery/delivery-thread';
import type { SinkName } from '../../../src/relay/config/config-schema';
import type { AttemptOutcome } from '../../../src/relay/delivery/worker';
import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

/**
 * The delivery worker in its own thread (what `purchase-relay start` runs): its claims and results come back to the
 * relay's storage, each row is delivered once to each sink, attempts reach the metrics, and stop() ends the thread.
 */
describe('delivery thread', () => {
  let kit: DeliveryKit;
  beforeEach(async () => {
    kit = await createDeliveryKit({ delivery: { concurrencyPerSink: 4, maxAgeSeconds: 10 * 365 * 86400 } });
  });
  afterEach(() => kit.close());

  it('delivers every row through the main storage and reports each attempt', async () => {
    const orders = await kit.ingest(30);
    const attempts: Array<[SinkName, AttemptOutcome]> = [];
    const log = createRelayLogger({ level: 'warn', destination: { write: () => undefined } });
    const thread = startDeliveryThread({ config: kit.config, storage: kit.storage, log, onAttempts: (a) => attempts.push(...a) });
    await thread.start();
    try {
      await waitFor(async () => (await kit.rows()).every((r) => r.status === 'delivered'), 30_000);
      await waitFor(() => attempts.length === 90, 5000);
    } finally {
      await thread.stop();
    }
    for (const fake of [kit.fakes.tianmu, kit.fakes.hive, kit.fakes.kakao]) {
      expect(fake.uniqueIds().size).toBe(orders.length);
      expect(fake.duplicateCount()).toBe(0);
    }
    expect(attempts.every(([, outcome]) => outcome === 'delivered')).toBe(true);
    const stats = await kit.storage.stats();
    expect(stats.deliveries).toEqual({ pending: 0, delivered: 90, dead: 0 });
  }, 60_000);

  it('starts a new thread when one dies, and the new one delivers what was left, once each', async () => {
    const workers: Worker[] = [];
    const lines: string[] = [];
    const log = createRelayLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
    const newWorker = (data: ThreadData) => {
      const w = entryWorker(data);
      workers.push(w);
      return w;
    };
    const thread = startDeliveryThread({ config: kit.config, storage: kit.storage, log, newWorker, restartDelayMs: 50 });
    await thread.start();
    try {
      // The thread runs within its memory limits (the relay's 200 MB budget).
      expect(workers[0].resourceLimits).toMatchObject(THREAD_LIMITS);
      await workers[0].terminate(); // as an out-of-memory thread ends
      const orders = await kit.ingest(10);
      await waitFor(() => workers.length === 2, 10_000);
      await waitFor(async () => (await kit.rows()).every((r) => r.status === 'delivered'), 30_000);
      for (const fake of [kit.fakes.tianmu, kit.fakes.hive, kit.fakes.kakao]) {
        expect(fake.uniqueIds().size).toBe(orders.length);
        expect(fake.duplicateCount()).toBe(0);
      }
      expect(lines.join('')).toMatch(/delivery thread exited: starting a new one/);
    } finally {
      await thread.stop();
    }
  }, 60_000);

  it('stops with nothing due, and leaves new rows pending for the next start', async () => {
    const log = createRelayLogger({ level: 'warn', destination: { write: () => undefined } });
    const thread = startDeliveryThread({ config: kit.config, storage: kit.storage, log });
    await thread.start();
    await thread.stop();
    await kit.ingest(2);
    await new Promise((r) => setTimeout(r, 100));
    expect((await kit.rows()).map((r) => r.status)).toEqual(Array(6).fill('pending'));
  }, 60_000);
});
