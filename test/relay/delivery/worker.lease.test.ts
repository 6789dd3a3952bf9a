import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

describe('delivery worker: leases', () => {
  let kit: DeliveryKit;
  afterEach(async () => {
    await kit.close();
  });

  it('a worker that lost its lease mid-send cannot overwrite the newer holder\'s result', async () => {
    kit = await createDeliveryKit({ fakes: { tianmu: { delayMs: 300 } }, timeoutMs: 2000 });
    const [id] = await kit.ingest(1, ['tianmu']);
    // The slow worker's request will be answered 500; the second worker's 200.
    kit.fakes.tianmu.failNext(1, '500');
    const slow = kit.worker();
    const slowRun = slow.drainOnce();
    await waitFor(() => kit.fakes.tianmu.failures['500'] === 1);
    // The lease (5 s) runs out while the slow worker still waits for its answer; another worker claims the row.
    kit.t += 6000;
    const fast = kit.worker();
    const [slowCount, fastCount] = await Promise.all([slowRun, fast.drainOnce()]);
    expect([slowCount, fastCount]).toEqual([1, 1]);
    const [row] = await kit.rows();
    // Had the stale result been written, the row would be pending with a 500 and 2 attempts.
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect(kit.fakes.tianmu.countOf(id)).toBe(1);
    expect(kit.logLines.some((l) => l.includes('lease lost'))).toBe(true);
  });

  it('leaves a claimed row alone while its lease runs, then takes it over', async () => {
    kit = await createDeliveryKit();
    await kit.ingest(1, ['kakao']);
    // Another relay leased the row and died without answering.
    const [claimed] = await kit.storage.claimDue('kakao', kit.t, 10, 5000);
    const worker = kit.worker();
    expect(await worker.drainOnce()).toBe(0);
    kit.t += 5000;
    expect(await worker.drainOnce()).toBe(1);
    expect((await kit.rows())[0]).toMatchObject({ id: claimed.id, status: 'delivered', attempts: 1 });
  });
});
