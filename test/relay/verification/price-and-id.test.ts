import { isMidasPriceTier } from '../../../src/relay/platforms/wechat/price-tiers';
import { RELAY_ORDER_ID_PATTERN } from '../../../src/shared/schemas/order-api';
import { ORDER_ID_PATTERN } from '../../../src/shared/schemas/purchase-report';
import { createRelayOrderId } from '../../../src/relay/verification/order-id';

describe('WeChat Midas price tiers', () => {
  it.each([
    [100, true], [64_800, true], [99_800, true], [199_800, true], [299_800, true],
    [999, false], [1_000, true], [1_050, false], [64_900, false], [99_900, false], [0, false], [-100, false], [300_000, false],
  ])('%i fen → %s', (fen, tier) => {
    expect(isMidasPriceTier(fen)).toBe(tier);
  });
});

describe('relay order ids', () => {
  it('are 32 chars that WeChat, the report schema and the relay pattern all take, and do not repeat', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = createRelayOrderId();
      expect(id).toMatch(/^[0-9A-Za-z]{32}$/);
      expect(id).toMatch(RELAY_ORDER_ID_PATTERN);
      expect(id).toMatch(ORDER_ID_PATTERN);
      ids.add(id);
    }
    expect(ids.size).toBe(2000);
  });

  it('use every base62 char about equally (no modulo bias towards the first chars)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const c of createRelayOrderId()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (4000 * 32) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });
});
