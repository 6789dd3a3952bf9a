import type { SinkName } from '../../../src/relay/config/config-schema';
import type { FailureMode } from '../../fakes/upstreams/fake-server';
import { createDeliveryKit, T0, type DeliveryKit } from './delivery-test-kit';

describe('delivery worker: dead deliveries', () => {
  let kit: DeliveryKit;
  beforeEach(async () => {
    kit = await createDeliveryKit();
  });
  afterEach(async () => {
    await kit.close();
  });

  it.each<[SinkName, FailureMode, RegExp]>([
    ['tianmu', '10001', /10001/],
    ['kakao', '400', /400/],
    ['kakao', '401', /401/],
    ['kakao', '406', /406/],
  ])('%s answering %s is dead at once with the reason, and never retried', async (sink, mode, reason) => {
    await kit.ingest(1, [sink]);
    kit.fakes[sink].failNext(1, mode);
    const worker = kit.worker();
    expect(await worker.drainOnce()).toBe(1);
    const [row] = await kit.rows();
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.lastError).toMatch(reason);
    kit.t += 3600_000;
    expect(await worker.drainOnce()).toBe(0);
    expect(kit.attempts.map((a) => a.outcome)).toEqual(['dead']);
  });

  it('is dead after maxAttempts transient failures, each retry later than the last', async () => {
    await kit.ingest(1, ['tianmu']);
    kit.fakes.tianmu.failNext(100, '500');
    const worker = kit.worker();
    const due: number[] = [];
    for (let i = 0; i < 10; i++) {
      if ((await worker.drainOnce()) === 0) break;
      const [row] = await kit.rows();
      if (row.status !== 'pending') break;
      due.push(row.nextAttemptAt - kit.t);
      kit.t = row.nextAttemptAt;
    }
    const [row] = await kit.rows();
    expect(row).toMatchObject({ status: 'dead', attempts: 5 });
    expect(row.lastError).toMatch(/^gave up after 5 attempts: .*500/);
    expect(kit.fakes.tianmu.failures['500']).toBe(5);
    // Jitter fixed at 0.5: half of 1 s, 2 s, 4 s, 8 s.
    expect(due).toEqual([500, 1000, 2000, 4000]);
  });

  it('is dead after a failure once the purchase is older than maxAgeSeconds', async () => {
    await kit.ingest(1, ['kakao']);
    kit.fakes.kakao.failNext(2, '500');
    const worker = kit.worker();
    await worker.drainOnce();
    expect((await kit.rows())[0].status).toBe('pending');
    kit.t = T0 + 3600_000;
    await worker.drainOnce();
    const [row] = await kit.rows();
    expect(row).toMatchObject({ status: 'dead', attempts: 2 });
    expect(row.lastError).toMatch(/^older than 3600 s: .*500/);
  });

  it('still delivers an old purchase that succeeds: age only ends retries', async () => {
    await kit.ingest(1, ['kakao']);
    kit.t = T0 + 10 * 3600_000;
    await kit.worker().drainOnce();
    expect((await kit.rows())[0].status).toBe('delivered');
  });

  it('marks a purchase the sink refuses dead without sending it, and sends the rest of its batch', async () => {
    const [usd] = await kit.ingest(1, ['tianmu', 'hive'], { currency: 'USD', amount: 199 });
    const [cny] = await kit.ingest(1, ['tianmu', 'hive']);
    await kit.worker().drainOnce();
    const tianmu = await kit.rows('tianmu');
    expect(tianmu.find((r) => r.orderId === usd)).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/CNY/) });
    expect(tianmu.find((r) => r.orderId === cny)?.status).toBe('delivered');
    expect(kit.fakes.tianmu.orderCodes()).toEqual([cny]);
    expect(kit.fakes.hive.transactionIds().sort()).toEqual([usd, cny].sort());
  });

  it('marks deliveries of a game no longer in the config dead, with the reason', async () => {
    await kit.ingest(1, ['kakao'], { appId: 'wxremoved' });
    await kit.worker().drainOnce();
    expect((await kit.rows())[0]).toMatchObject({ status: 'dead', lastError: 'game wxremoved is not in the config' });
  });

  it('re-queues dead rows with retryDead: delivered on the next pass, attempts kept', async () => {
    await kit.ingest(2, ['tianmu']);
    kit.fakes.tianmu.failNext(2, '10001');
    const worker = kit.worker();
    await worker.drainOnce();
    expect((await kit.storage.listDeliveries({ status: 'dead' })).length).toBe(2);
    expect(await kit.storage.retryDead('all', kit.t)).toBe(2);
    await worker.drainOnce();
    expect((await kit.rows()).map((r) => `${r.status}/${r.attempts}`)).toEqual(['delivered/2', 'delivered/2']);
  });
});
