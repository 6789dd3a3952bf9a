import type { Storage } from '../../../src/relay/storage/storage';
import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

describe('delivery worker: claims', () => {
  let kit: DeliveryKit;
  afterEach(async () => {
    await kit.close();
  });

  it('claims for a quarter of its slots at once while requests are in flight, and still delivers every row once', async () => {
    kit = await createDeliveryKit({ fakes: { tianmu: { delayMs: 15 } }, timeoutMs: 5000, delivery: { concurrencyPerSink: 16, leaseMs: 30_000 } });
    kit.t = Date.now();
    const limits: number[] = [];
    const claimed: number[] = [];
    // The real storage, with its claims recorded.
    const storage: Storage = Object.assign(Object.create(kit.storage) as Storage, {
      async claimDue(...args: Parameters<Storage['claimDue']>) {
        const rows = await kit.storage.claimDue(...args);
        // Hive and Kakao loops run too (and find nothing): only Tianmu's claims are of interest.
        if (args[0] === 'tianmu') {
          limits.push(args[2]);
          claimed.push(rows.length);
        }
        return rows;
      },
      // Answers that come back at different moments, as real ones do, so slots free one at a time.
      async complete(...args: Parameters<Storage['complete']>) {
        await new Promise((r) => setTimeout(r, (args[0] % 16) * 8));
        return kit.storage.complete(...args);
      },
    });
    const ids = await kit.ingest(60, ['tianmu']);
    const worker = kit.worker({ storage, now: Date.now });
    worker.start();
    await waitFor(async () => (await kit.storage.stats()).deliveries.delivered === 60);
    await worker.stop();
    expect(kit.fakes.tianmu.uniqueIds().size).toBe(60);
    expect(kit.fakes.tianmu.duplicateCount()).toBe(0);
    expect([...kit.fakes.tianmu.uniqueIds()].sort()).toEqual([...ids].sort());
    // Never a claim for one, two or three freed slots out of sixteen: at least four (a quarter) at a time.
    expect(Math.min(...limits)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...limits)).toBeLessThanOrEqual(16);
    // So 60 rows took at most 1 + 44 / 4 = 12 claims that found rows (one per finished request: up to 45).
    expect(claimed.filter((n) => n > 0).length).toBeLessThanOrEqual(12);
  });
});
