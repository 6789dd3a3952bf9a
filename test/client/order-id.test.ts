import { createOrderId } from '../../src/client/order-id';
import { ORDER_ID_PATTERN } from '../../src/shared/schemas/purchase-report';
import { FakeClock } from '../fakes/platform/fake-clock';
import { defaultClock } from '../../src/client/platform/minigame-adapter';

/** WeChat's outTradeNo rule: at most 32 chars of [0-9A-Za-z_\-|*], not starting with `_`. */
const OUT_TRADE_NO = /^(?!_)[0-9A-Za-z_\-|*]{1,32}$/;

describe('order ids', () => {
  it('are valid both as a WeChat outTradeNo and as the shared order id', () => {
    const clock = defaultClock();
    for (let i = 0; i < 10000; i++) {
      const id = createOrderId(clock.now(), clock.random);
      expect(id).toMatch(OUT_TRADE_NO);
      expect(id).toMatch(ORDER_ID_PATTERN);
      expect(id).toHaveLength(32);
    }
  });

  it('do not repeat over 200,000 ids made in the same millisecond', () => {
    const clock = defaultClock();
    const seen = new Set<string>();
    for (let i = 0; i < 200000; i++) seen.add(createOrderId(1763800000000, clock.random));
    expect(seen.size).toBe(200000);
  });

  it('sort by creation time', () => {
    const clock = new FakeClock();
    const a = createOrderId(1763800000000, clock.random);
    const b = createOrderId(1763800000001, clock.random);
    const c = createOrderId(1893456000000, clock.random);
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });

  it('stay valid at the ends of the random range', () => {
    expect(createOrderId(0, () => 0)).toMatch(OUT_TRADE_NO);
    expect(createOrderId(Date.now(), () => 0.9999999999)).toMatch(ORDER_ID_PATTERN);
  });
});
