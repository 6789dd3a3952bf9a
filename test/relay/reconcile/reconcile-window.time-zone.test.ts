import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { compareOrders } from '../../../src/relay/reconcile/compare';
import { cstDay, cstYesterday, reconcileWindow } from '../../../src/relay/reconcile/reconcile-window';

// 2025-03-01 23:30 China time is 15:30 UTC the same day, and 07:30 in Los Angeles.
const PAID = Date.UTC(2025, 2, 1, 15, 30);
const purchase = { orderId: 'o1', uid: 'u', amount: 600, currency: 'CNY', paidAt: PAID };

describe('reconcile days are China-time calendar days', () => {
  it('puts an order paid at 2025-03-01 23:30 CST on the 1st, not the 2nd', () => {
    expect(cstDay(PAID)).toBe('2025-03-01');
    expect(compareOrders([], [purchase], reconcileWindow('2025-03-01', '2025-03-01')).counts.missingInGravity).toBe(1);
    expect(compareOrders([], [purchase], reconcileWindow('2025-03-02', '2025-03-02')).counts.missingInGravity).toBe(0);
  });

  it('starts a day at 00:00 CST (16:00 UTC the day before) and ends it exclusively', () => {
    const w = reconcileWindow('2025-03-01', '2025-03-02');
    expect(w.fromMs).toBe(Date.UTC(2025, 1, 28, 16));
    expect(w.toMs).toBe(Date.UTC(2025, 2, 2, 16));
    const at = (ms: number) => compareOrders([], [{ ...purchase, paidAt: ms }], w).counts.missingInGravity;
    expect([at(w.fromMs - 1), at(w.fromMs), at(w.toMs - 1), at(w.toMs)]).toEqual([0, 1, 1, 0]);
  });

  it('reconciles the China-time yesterday: at 00:30 CST on the 2nd (still the 1st in UTC) that is the 1st', () => {
    expect(cstYesterday(Date.UTC(2025, 2, 1, 16, 30))).toBe('2025-03-01');
    expect(cstYesterday(Date.UTC(2025, 2, 1, 15, 59))).toBe('2025-02-28');
    expect(cstYesterday(Date.UTC(2024, 2, 1, 3))).toBe('2024-02-29');
  });

  it('refuses days that do not exist or are written otherwise, and a range that runs backwards', () => {
    expect(() => reconcileWindow('2025-02-29', '2025-03-01')).toThrow(/not a calendar day/);
    expect(() => reconcileWindow('2025-3-1', '2025-03-01')).toThrow(/YYYY-MM-DD/);
    expect(() => reconcileWindow('2025-03-02', '2025-03-01')).toThrow(/before --from/);
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('gives the same answers when the process runs in TZ=%s', (tz) => {
    const script = `
      const w = require('./src/relay/reconcile/reconcile-window');
      const c = require('./src/relay/reconcile/compare');
      const win = w.reconcileWindow('2025-03-01', '2025-03-01');
      const p = { orderId: 'o1', uid: 'u', amount: 600, currency: 'CNY', paidAt: ${PAID} };
      process.stdout.write(JSON.stringify({
        offset: new Date(${PAID}).getTimezoneOffset(), day: w.cstDay(${PAID}), yesterday: w.cstYesterday(${Date.UTC(2025, 2, 1, 16, 30)}),
        fromMs: win.fromMs, toMs: win.toMs, row: c.compareOrders([], [p], win).missingInGravity[0],
      }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: join(__dirname, '../../..'),
        env: { ...process.env, TZ: tz, TS_NODE_PROJECT: 'tsconfig.json' },
        encoding: 'utf8',
      }),
    );
    // The child really runs in that zone (Los Angeles is behind UTC in March, Kiritimati 14 h ahead)...
    expect(out.offset).toBe({ 'America/Los_Angeles': 480, 'Pacific/Kiritimati': -840, UTC: 0 }[tz]);
    // ...and the answers do not move.
    expect(out).toMatchObject({
      day: '2025-03-01', yesterday: '2025-03-01', fromMs: Date.UTC(2025, 1, 28, 16), toMs: Date.UTC(2025, 2, 1, 16),
      row: { orderId: 'o1', relayPaidAt: '2025-03-01 23:30:00' },
    });
  });
});
