import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareOrders } from '../../../src/relay/reconcile/compare';
import type { ReconcileOutcome } from '../../../src/relay/reconcile/reconcile-run';
import { reconcileWindow } from '../../../src/relay/reconcile/reconcile-window';
import { summaryTable, toCsv, writeReport } from '../../../src/relay/reconcile/report-writer';

const W = reconcileWindow('2025-03-01', '2025-03-01');
const at = W.fromMs + 3600_000;
const report = compareOrders(
  [
    { orderId: 'both-ok', amount: 600, currency: 'CNY', payEventTime: '2025-03-01 01:00:00', status: 'posted' },
    { orderId: 'odd,"id"', amount: 700, currency: 'CNY', payEventTime: '2025-03-01 01:00:01', status: 'not_posted' },
    { orderId: 'diff', amount: 800, currency: 'CNY', payEventTime: '2025-03-01 01:00:02', status: 'failed' },
  ],
  [
    { orderId: 'both-ok', uid: 'u1', amount: 600, currency: 'CNY', paidAt: at },
    { orderId: 'diff', uid: 'u2', amount: 899, currency: 'CNY', paidAt: at },
    { orderId: 'relay-only', uid: 'u3', amount: 1, currency: 'CNY', paidAt: at },
  ],
  W,
);
const refunds = [
  { orderId: 'both-ok', refundId: 'rf-1', amount: 300, env: 0 as const, receivedAt: Date.UTC(2025, 2, 1, 2, 0, 0) },
  { orderId: '=HYPERLINK("x")', refundId: 'rf-2', amount: 100, env: 1 as const, receivedAt: Date.UTC(2025, 2, 1, 3, 0, 0) },
];
const outcome: ReconcileOutcome = { report, pagesFetched: 1, totalPages: 1, gravityTotal: 3, reused: false, totalChanged: false, refunds };
const meta = { appId: 'wx1234567891234567', gravityAppId: 17802622 };

describe('reconcile report files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reconcile-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the summary table an operator reads', () => {
    expect(summaryTable(outcome, meta)).toBe(
      [
        'Gravity reconciliation of wx1234567891234567 (Gravity app 17802622), 2025-03-01 .. 2025-03-01 China time',
        'Gravity rows: 3 in 1 page(s); 1 call(s) this run',
        '',
        '  orders in both                  2',
        '    of which amount mismatch      1',
        '  missing in Gravity              1',
        '  missing in the relay            1',
        '  duplicate rows in Gravity       0',
        '',
        '  Gravity postback status (distinct orders)',
        '    not posted back               1',
        '    posted back                   1',
        '    postback failed               1',
        '    postback skipped              0',
        '',
        '  platform refunds                1',
        '    refunded (minor units)        300',
      ].join('\n'),
    );
  });

  it('writes CSV with quoting that round-trips an id holding a comma and quotes', () => {
    expect(toCsv(report.missingInRelay)).toBe(
      'order_id,relay_amount_minor,relay_currency,relay_paid_at_cst,uid,gravity_amount_minor,gravity_currency,gravity_pay_event_time_cst,gravity_status\r\n' +
        '"odd,""id""",,,,,700,CNY,2025-03-01 01:00:01,not_posted\r\n',
    );
  });

  it('writes every kind as CSV and JSON plus a summary, with no temp files left', () => {
    const files = writeReport(dir, outcome, meta);
    expect(files).toHaveLength(11);
    expect(readdirSync(dir).sort()).toEqual([
      'amount-mismatch.csv', 'amount-mismatch.json', 'duplicate-in-gravity.csv', 'duplicate-in-gravity.json',
      'missing-in-gravity.csv', 'missing-in-gravity.json', 'missing-in-relay.csv', 'missing-in-relay.json',
      'refunds.csv', 'refunds.json', 'summary.json',
    ]);
    // Refunds: the sandbox one listed too (env 1), its formula-like order id neutralised, only live ones summed.
    expect(readFileSync(join(dir, 'refunds.csv'), 'utf8')).toBe(
      'order_id,refund_id,refund_amount_minor,env,received_at_cst\r\n' +
        'both-ok,rf-1,300,0,2025-03-01 10:00:00\r\n' +
        `"'=HYPERLINK(""x"")",rf-2,100,1,2025-03-01 11:00:00\r\n`,
    );
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).refunds).toEqual({ count: 1, amount: 300 });
    const mismatch = JSON.parse(readFileSync(join(dir, 'amount-mismatch.json'), 'utf8'));
    expect(mismatch).toEqual({
      kind: 'amount-mismatch', appId: meta.appId, gravityAppId: 17802622, fromDay: '2025-03-01', toDay: '2025-03-01', count: 1,
      rows: [{ orderId: 'diff', relayAmount: 899, relayCurrency: 'CNY', relayPaidAt: '2025-03-01 01:00:00', uid: 'u2', gravityAmount: 800, gravityCurrency: 'CNY', gravityPayEventTime: '2025-03-01 01:00:02', gravityStatus: 'failed' }],
    });
    expect(readFileSync(join(dir, 'missing-in-gravity.csv'), 'utf8').split('\r\n')[1]).toBe('relay-only,1,CNY,2025-03-01 01:00:00,u3,,,,');
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).counts).toEqual(report.counts);
  });

  it('warns when Gravity\'s total moved during the pull', () => {
    expect(summaryTable({ ...outcome, totalChanged: true }, meta)).toMatch(/total changed during the pull[\s\S]*--fresh/);
  });
});
