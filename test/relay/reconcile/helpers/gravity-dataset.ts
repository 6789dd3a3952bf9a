import { CST_OFFSET_MINUTES, formatWallClock, parseWallClock } from '../../../../src/shared/time/zoned-time';
import type { FakeGravityOrder } from '../../../fakes/gravity/fake-gravity';
import type { SeedPurchase } from './relay-store';

/**
 * A generated day pair (2025-03-01..02 China time) with every kind of difference placed on purpose, so the
 * test can state the exact answer without recomputing it:
 * - 2,400 orders on both sides (`ord_00000`..`ord_02399`), the relay's clock a few seconds off Gravity's;
 *   25 with a different amount (i % 97 === 13: relay +100 fen) and `ord_00007` paid in USD on the relay;
 * - 45 orders only Gravity has (`gx_000`..`gx_044`), 12 only the relay has (`rx_000`..`rx_011`);
 * - `edge_1`: the relay saw 2025-02-28 23:59:58, Gravity 2025-03-01 00:00:02: the same order, matched;
 * - `ord_00100` twice in Gravity (a double count at the ad platform);
 * - orders outside the window on both sides, which must not count.
 */
export const FROM_DAY = '2025-03-01';
export const TO_DAY = '2025-03-02';
const LABELS = ['未回传', '回传成功', '回传失败', '回传跳过'];
const cst = (wall: string) => parseWallClock(wall, CST_OFFSET_MINUTES);
const wall = (ms: number) => formatWallClock(ms, CST_OFFSET_MINUTES);

export const MISMATCH_IDS = Array.from({ length: 2400 }, (_, i) => i)
  .filter((i) => i % 97 === 13 || i === 7)
  .map(id);
export const GRAVITY_ONLY_IDS = Array.from({ length: 45 }, (_, i) => `gx_${String(i).padStart(3, '0')}`);
export const RELAY_ONLY_IDS = Array.from({ length: 12 }, (_, i) => `rx_${String(i).padStart(3, '0')}`);

function id(i: number): string {
  return `ord_${String(i).padStart(5, '0')}`;
}

export function amountOf(i: number): number {
  return 600 + ((i * 7919) % 64) * 100; // 6.00 .. 69.00 CNY
}

export function generate(): { gravity: FakeGravityOrder[]; relay: SeedPurchase[] } {
  const start = cst('2025-03-01 00:00:00');
  const gravity: FakeGravityOrder[] = [];
  const relay: SeedPurchase[] = [];
  for (let i = 0; i < 2400; i++) {
    const at = start + 30_000 + i * 71_000;
    const amount = amountOf(i);
    gravity.push({ orderId: id(i), amount, payEventTime: wall(at), status: LABELS[i % 4] });
    const skew = ((i % 7) - 3) * 1000; // the client's clock, up to 3 s off
    relay.push({
      orderId: id(i),
      amount: i % 97 === 13 ? amount + 100 : amount,
      currency: i === 7 ? 'USD' : 'CNY',
      paidAt: at + skew,
    });
  }
  gravity.push({ orderId: id(100), traceId: 'ge_dup_100', amount: amountOf(100), payEventTime: wall(start + 30_000 + 100 * 71_000 + 5000), status: '回传成功' });
  GRAVITY_ONLY_IDS.forEach((gid, k) =>
    gravity.push({ orderId: gid, amount: 1200 + k, payEventTime: wall(start + 3600_000 + k * 60_000), status: k % 2 === 0 ? '回传成功' : '未回传' }),
  );
  RELAY_ONLY_IDS.forEach((rid, k) => relay.push({ orderId: rid, amount: 3000 + k, paidAt: start + 7200_000 + k * 60_000 }));
  gravity.push({ orderId: 'edge_1', amount: 600, payEventTime: '2025-03-01 00:00:02', status: '回传成功' });
  relay.push({ orderId: 'edge_1', amount: 600, paidAt: cst('2025-02-28 23:59:58') });
  // Outside the window: Gravity's filter and the relay's range must both leave these out.
  gravity.push({ orderId: 'late_g', amount: 100, payEventTime: '2025-03-03 08:00:00', status: '回传成功' });
  relay.push({ orderId: 'early_r', amount: 100, paidAt: cst('2025-02-27 12:00:00') });
  relay.push({ orderId: 'late_r', amount: 100, paidAt: cst('2025-03-03 00:00:00') });
  // Gravity's report comes back in its own order, not the relay's.
  gravity.sort((a, b) => (a.orderId < b.orderId ? 1 : -1));
  return { gravity, relay };
}

export const EXPECTED_COUNTS = { both: 2401, missingInGravity: 12, missingInRelay: 45, amountMismatch: 26, duplicateInGravity: 1 };
export const EXPECTED_STATUS = { not_posted: 622, posted: 624, failed: 600, skipped: 600 };
/** Rows Gravity returns for the window: 2,446 distinct orders + 1 duplicate. */
export const GRAVITY_ROWS_IN_WINDOW = 2447;
