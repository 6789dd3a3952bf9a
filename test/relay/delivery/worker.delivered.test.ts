import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

describe('delivery worker: the happy path', () => {
  let kit: DeliveryKit;
  beforeEach(async () => {
    kit = await createDeliveryKit();
  });
  afterEach(async () => {
    await kit.close();
  });

  it('delivers every purchase to every enabled sink once, Hive rows of one game in one request', async () => {
    const ids = await kit.ingest(3);
    const onlyHive = await kit.ingest(1, ['hive']);
    expect(await kit.worker().drainOnce()).toBe(10);
    const { tianmu, hive, kakao } = kit.fakes;
    expect([tianmu.rejected, hive.rejected, kakao.rejected]).toEqual([[], [], []]);
    expect(tianmu.orderCodes().sort()).toEqual([...ids].sort());
    expect(hive.transactionIds().sort()).toEqual([...ids, ...onlyHive].sort());
    expect(hive.accepted).toHaveLength(1);
    expect(kakao.receivedIds().sort()).toEqual([...ids].sort());
    const rows = await kit.rows();
    expect(rows.map((r) => `${r.status}/${r.attempts}`)).toEqual(Array(10).fill('delivered/1'));
    expect(kit.attempts.map((a) => a.outcome)).toEqual(Array(10).fill('delivered'));
    expect((await kit.storage.stats()).deliveries).toEqual({ pending: 0, delivered: 10, dead: 0 });
    // Nothing is due any more: a second pass sends nothing.
    expect(await kit.worker().drainOnce()).toBe(0);
    expect(tianmu.accepted).toHaveLength(3);
  });

  it('cuts Hive batches at the configured batch size', async () => {
    (kit.config.games[0].sinks.hive as { batchSize: number }).batchSize = 2;
    await kit.ingest(5, ['hive']);
    expect(await kit.worker().drainOnce()).toBe(5);
    expect(kit.fakes.hive.accepted.map((r) => r.ids.length).sort()).toEqual([1, 2, 2]);
  });

  it('runs on its own once started, and stops cleanly', async () => {
    kit.t = Date.now();
    const w = kit.worker({ now: Date.now });
    w.start();
    const ids = await kit.ingest(4);
    await waitFor(async () => (await kit.storage.stats()).deliveries.delivered === 12);
    await w.stop();
    expect(kit.fakes.kakao.receivedIds().sort()).toEqual([...ids].sort());
    expect(kit.fakes.tianmu.duplicateCount() + kit.fakes.hive.duplicateCount() + kit.fakes.kakao.duplicateCount()).toBe(0);
  });
});
