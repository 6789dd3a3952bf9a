import { createDeliveryKit, type DeliveryKit } from './delivery-test-kit';

/**
 * "Hardening the relay", finding 1: one row Hive would refuse killed its whole batch, and `retry-dead` put it back
 * into a batch to kill the neighbours again. Rows stored before the schema bounds (or by any path around them)
 * still exist, so the worker must not depend on ingest having been strict.
 */
describe('delivery worker: a poison row never takes its Hive batch with it', () => {
  let kit: DeliveryKit;
  afterEach(async () => {
    await kit.close();
  });

  /** Hive requests the fake saw, refused or not. */
  const hiveRequests = () => kit.fakes.hive.accepted.length + kit.fakes.hive.rejected.length;

  it('marks a row its own row schema refuses (paidAt 2^53-1 → dateTime NaN) dead alone, without a request, and delivers the 20 others', async () => {
    kit = await createDeliveryKit();
    const before = await kit.ingest(10, ['hive']);
    const [poison] = await kit.ingest(1, ['hive'], { paidAt: Number.MAX_SAFE_INTEGER });
    const after = await kit.ingest(10, ['hive']);
    const worker = kit.worker();
    expect(await worker.drainOnce()).toBe(21);
    const rows = await kit.rows('hive');
    expect(rows.filter((r) => r.status === 'delivered').map((r) => r.orderId).sort()).toEqual([...before, ...after].sort());
    const dead = rows.find((r) => r.orderId === poison)!;
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toMatch(/dateTime/);
    expect(kit.fakes.hive.rejected).toEqual([]);
    expect(kit.fakes.hive.transactionIds()).not.toContain(poison);
    expect(hiveRequests()).toBe(1);

    // retry-dead: the poison row comes back with 20 new neighbours, and is dead alone again.
    const fresh = await kit.ingest(20, ['hive']);
    expect(await kit.storage.retryDead('all', kit.t)).toBe(1);
    expect(await worker.drainOnce()).toBe(21);
    const again = await kit.rows('hive');
    expect(again.filter((r) => fresh.includes(r.orderId)).every((r) => r.status === 'delivered')).toBe(true);
    expect(again.find((r) => r.orderId === poison)).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/dateTime/) });
    expect(kit.fakes.hive.rejected).toEqual([]);
    expect(hiveRequests()).toBe(2);
  });

  it('bisects a batch Hive refuses for one row it alone knows is bad: the 20 good rows land, the bad one dies with Hive\'s reason, in at most 1 + 2·⌈log2 21⌉ requests', async () => {
    let poison = '';
    kit = await createDeliveryKit({ fakes: { hive: { refuseRow: (row) => (row.transaction_id === poison ? 'unknown product key' : undefined) } } });
    const good = [...(await kit.ingest(7, ['hive']))];
    [poison] = await kit.ingest(1, ['hive']);
    good.push(...(await kit.ingest(13, ['hive'])));
    const worker = kit.worker();
    expect(await worker.drainOnce()).toBe(21);
    const rows = await kit.rows('hive');
    expect(rows.filter((r) => r.status === 'delivered').map((r) => r.orderId).sort()).toEqual([...good].sort());
    expect(rows.find((r) => r.orderId === poison)).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/unknown product key/) });
    expect(kit.fakes.hive.duplicateCount()).toBe(0);
    const bound = 1 + 2 * Math.ceil(Math.log2(21));
    expect(hiveRequests()).toBeLessThanOrEqual(bound);

    // retry-dead puts it back among 20 new rows: they land, it dies alone again, within the same bound.
    const fresh = await kit.ingest(20, ['hive']);
    await kit.storage.retryDead('all', kit.t);
    const sent = hiveRequests();
    await worker.drainOnce();
    const again = await kit.rows('hive');
    expect(again.filter((r) => fresh.includes(r.orderId)).every((r) => r.status === 'delivered')).toBe(true);
    expect(again.find((r) => r.orderId === poison)).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/unknown product key/) });
    expect(hiveRequests() - sent).toBeLessThanOrEqual(bound);
    expect(kit.fakes.hive.duplicateCount()).toBe(0);
  });

  it('keeps bisection bounded when Hive refuses every row (a config error): no row is delivered, each attempt sends at most 1 + 2·⌈log2 n⌉ requests', async () => {
    kit = await createDeliveryKit({ fakes: { hive: { categories: ['othergame_purchase_log'] } } });
    await kit.ingest(16, ['hive']);
    const worker = kit.worker();
    const bound = 1 + 2 * Math.ceil(Math.log2(16));
    for (let attempt = 0; attempt < 5; attempt++) {
      const sent = hiveRequests();
      await worker.drainOnce();
      expect(hiveRequests() - sent).toBeLessThanOrEqual(bound);
      kit.t += 3600_000;
    }
    const rows = await kit.rows('hive');
    expect(rows.every((r) => r.status === 'dead')).toBe(true);
    expect(rows.every((r) => /unknown category key/.test(r.lastError ?? ''))).toBe(true);
    expect(kit.fakes.hive.accepted).toEqual([]);
  });
});
