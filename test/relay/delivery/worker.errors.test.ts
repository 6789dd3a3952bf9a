import type { Sink } from '../../../src/relay/sinks/sink';
import { SINKS } from '../../../src/relay/sinks';
import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

/** The real Kakao sink with one function replaced: a sink whose code throws must not take the worker down. */
function kakaoWith(override: Partial<Sink<unknown>>): Sink<unknown> {
  const kakao = SINKS.find((s) => s.name === 'kakao')!;
  return { ...kakao, ...override };
}

describe('delivery worker: whatever throws is a classified failure', () => {
  let kit: DeliveryKit;
  beforeEach(async () => {
    kit = await createDeliveryKit();
  });
  afterEach(async () => {
    await kit.close();
  });

  it('a mapping that throws makes the delivery dead with the reason (the same purchase would fail again)', async () => {
    await kit.ingest(1, ['kakao']);
    const worker = kit.worker({ sinks: [kakaoWith({ toRequest: () => { throw new TypeError('weird report'); } })] });
    expect(await worker.drainOnce()).toBe(1);
    expect((await kit.rows())[0]).toMatchObject({ status: 'dead', lastError: 'cannot build the kakao request: weird report' });
  });

  it('a classifier that throws on a garbage answer makes the delivery a retry', async () => {
    await kit.ingest(1, ['kakao']);
    const worker = kit.worker({ sinks: [kakaoWith({ classify: () => { throw new SyntaxError('Unexpected token <'); } })] });
    await worker.drainOnce();
    expect((await kit.rows())[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'unclassifiable answer (HTTP 200): Unexpected token <' });
  });

  it('an unreachable upstream is a retry, and the started worker keeps serving other rows', async () => {
    await kit.fakes.kakao.close();
    await kit.ingest(2, ['kakao', 'hive']);
    await kit.worker().drainOnce();
    const rows = await kit.rows();
    expect(rows.filter((r) => r.sink === 'kakao').map((r) => [r.status, r.lastError])).toEqual([
      ['pending', expect.stringMatching(/network error ECONNREFUSED/)],
      ['pending', expect.stringMatching(/network error ECONNREFUSED/)],
    ]);
    expect(rows.filter((r) => r.sink === 'hive').map((r) => r.status)).toEqual(['delivered', 'delivered']);
  });

  it('a storage failure while claiming is logged and the loop carries on', async () => {
    kit.t = Date.now();
    await kit.ingest(1, ['kakao']);
    let failures = 2;
    const flaky = new Proxy(kit.storage, {
      get(target, prop, receiver) {
        if (prop === 'claimDue' && failures > 0) {
          return async () => {
            failures--;
            throw new Error('SQLITE_BUSY: database is locked');
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const worker = kit.worker({ storage: flaky, now: Date.now });
    worker.start();
    await waitFor(async () => (await kit.storage.stats()).deliveries.delivered === 1);
    await worker.stop();
    expect(kit.logLines.filter((l) => l.includes('claiming deliveries failed'))).toHaveLength(2);
  });
});
