import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

describe('delivery worker: one sink never holds back another', () => {
  let kit: DeliveryKit;
  afterEach(async () => {
    await kit.close();
  });

  it('delivers Hive and Kakao while every Tianmu request hangs, with at most concurrencyPerSink Tianmu requests open', async () => {
    // A long timeout: Tianmu's requests stay open for the whole test unless stop() aborts them.
    kit = await createDeliveryKit({ timeoutMs: 60_000, delivery: { leaseMs: 120_000, concurrencyPerSink: 2 } });
    kit.fakes.tianmu.failRandomly({ rate: 1, modes: ['hang'] });
    kit.t = Date.now();
    const worker = kit.worker({ now: Date.now, stopTimeoutMs: 200 });
    worker.start();
    const ids = await kit.ingest(6);
    await waitFor(async () => (await kit.storage.stats()).deliveries.delivered === 12);
    expect(kit.fakes.hive.transactionIds().sort()).toEqual([...ids].sort());
    expect(kit.fakes.kakao.receivedIds().sort()).toEqual([...ids].sort());
    // Tianmu: two requests hang (its concurrency), the other four rows wait unclaimed; nothing was recorded yet.
    await waitFor(() => kit.fakes.tianmu.failures.hang === 2);
    const tianmu = await kit.rows('tianmu');
    expect(tianmu.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    expect(kit.fakes.tianmu.failures.hang).toBe(2);
    // Stopping does not wait a minute: after stopTimeoutMs the hanging requests are aborted and recorded as retries.
    await worker.stop();
    const after = await kit.rows('tianmu');
    expect(after.filter((r) => r.attempts === 1).map((r) => r.lastError)).toEqual([
      expect.stringMatching(/aborted/),
      expect.stringMatching(/aborted/),
    ]);
    expect(after.every((r) => r.status === 'pending')).toBe(true);
  });

  it('stop() waits for a slow request in flight and records its result', async () => {
    kit = await createDeliveryKit({ fakes: { kakao: { delayMs: 300 } } });
    kit.t = Date.now();
    const worker = kit.worker({ now: Date.now, stopTimeoutMs: 10_000 });
    const [id] = await kit.ingest(1, ['kakao']);
    worker.start();
    await waitFor(() => kit.fakes.kakao.countOf(id) === 1);
    await worker.stop();
    expect((await kit.rows())[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
