import type { SinkName } from '../../../src/relay/config/config-schema';
import type { FailureMode } from '../../fakes/upstreams/fake-server';
import { createDeliveryKit, T0, type DeliveryKit } from './delivery-test-kit';

const CASES: Array<[SinkName, FailureMode, RegExp]> = [
  ['tianmu', '500', /500/],
  ['tianmu', '429', /429/],
  ['tianmu', 'hang', /timeout after 400 ms/],
  ['tianmu', 'close', /network error|socket hang up|ECONNRESET/],
  ['tianmu', 'garbage', /without a code|code/],
  ['kakao', '500', /500/],
  ['kakao', 'close', /network error|socket hang up|ECONNRESET/],
  ['hive', '429', /429/],
  ['hive', 'hang', /timeout/],
];

describe('delivery worker: transient failures are retried', () => {
  let kit: DeliveryKit;
  beforeEach(async () => {
    kit = await createDeliveryKit();
  });
  afterEach(async () => {
    await kit.close();
  });

  it.each(CASES)('%s answering %s: pending with the reason, due after the backoff, then delivered once', async (sink, mode, reason) => {
    const fake = kit.fakes[sink];
    const [orderId] = await kit.ingest(1, [sink]);
    fake.failNext(1, mode);
    const worker = kit.worker();
    expect(await worker.drainOnce()).toBe(1);
    const [row] = await kit.rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(reason);
    // baseDelayMs 1000, first retry, jitter 0.5: due 500 ms later, not before.
    expect(row.nextAttemptAt).toBe(T0 + 500);
    kit.t = T0 + 499;
    expect(await worker.drainOnce()).toBe(0);
    kit.t = T0 + 500;
    expect(await worker.drainOnce()).toBe(1);
    expect((await kit.rows())[0]).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    // Sent once successfully (the failed attempt was not accepted by the fake).
    expect(sink === 'hive' ? kit.fakes.hive.transactionIds() : fake.receivedIds()).toEqual([orderId]);
    expect(kit.attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered']);
  });

  it('counts an answer lost after the upstream processed it as a retry: the one accepted duplicate', async () => {
    const [orderId] = await kit.ingest(1, ['kakao']);
    kit.fakes.kakao.failNext(1, 'lost-answer');
    const worker = kit.worker();
    await worker.drainOnce();
    kit.t += 10_000;
    await worker.drainOnce();
    expect((await kit.rows())[0].status).toBe('delivered');
    expect(kit.fakes.kakao.countOf(orderId)).toBe(2);
    expect(kit.fakes.kakao.duplicateCount()).toBe(1);
  });

  it('keeps the other rows of a sink moving while one is retried', async () => {
    await kit.ingest(4, ['tianmu']);
    kit.fakes.tianmu.failNext(1, '500');
    await kit.worker().drainOnce();
    const rows = await kit.rows();
    expect(rows.filter((r) => r.status === 'delivered')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
  });
});
