import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiffRow, ReconcileReport } from './compare';
import type { ReconcileOutcome } from './reconcile-run';
import type { ReconcileRefund } from '../storage/reconcile-store';
import { CST_OFFSET_MINUTES, formatWallClock } from '../../shared/time/zoned-time';

/** What the summary and the files say about where the numbers came from. */
export interface ReportMeta {
  appId: string;
  gravityAppId: number;
}

const KINDS = [
  ['missing-in-gravity', 'missingInGravity'],
  ['missing-in-relay', 'missingInRelay'],
  ['amount-mismatch', 'amountMismatch'],
  ['duplicate-in-gravity', 'duplicateInGravity'],
] as const;

const COLUMNS: readonly [keyof DiffRow, string][] = [
  ['orderId', 'order_id'],
  ['relayAmount', 'relay_amount_minor'],
  ['relayCurrency', 'relay_currency'],
  ['relayPaidAt', 'relay_paid_at_cst'],
  ['uid', 'uid'],
  ['gravityAmount', 'gravity_amount_minor'],
  ['gravityCurrency', 'gravity_currency'],
  ['gravityPayEventTime', 'gravity_pay_event_time_cst'],
  ['gravityStatus', 'gravity_status'],
];

const STATUS_NAMES: Record<string, string> = { posted: 'posted back', not_posted: 'not posted back', failed: 'postback failed', skipped: 'postback skipped' };

/** The table printed at the end of a run. */
export function summaryTable(outcome: ReconcileOutcome, meta: ReportMeta): string {
  const r = outcome.report;
  const n = (v: number) => v.toLocaleString('en-US');
  const width = Math.max(...[r.counts.both, r.counts.missingInGravity, r.counts.missingInRelay, ...Object.values(r.statusCounts)].map((v) => n(v).length));
  const line = (label: string, v: number) => `  ${label.padEnd(32)}${n(v).padStart(width)}`;
  const lines = [
    `Gravity reconciliation of ${meta.appId} (Gravity app ${meta.gravityAppId}), ${r.fromDay} .. ${r.toDay} China time`,
    `Gravity rows: ${n(outcome.gravityTotal)} in ${outcome.totalPages} page(s); ${outcome.reused ? 'reused a stored pull (no calls)' : `${outcome.pagesFetched} call(s) this run`}`,
    '',
    line('orders in both', r.counts.both),
    line('  of which amount mismatch', r.counts.amountMismatch),
    line('missing in Gravity', r.counts.missingInGravity),
    line('missing in the relay', r.counts.missingInRelay),
    line('duplicate rows in Gravity', r.counts.duplicateInGravity),
    '',
    '  Gravity postback status (distinct orders)',
    ...Object.entries(r.statusCounts).map(([s, v]) => line(`  ${STATUS_NAMES[s] ?? s}`, v)),
  ];
  const live = outcome.refunds.filter((f) => f.env === 0);
  lines.push('', line('platform refunds', live.length), line('  refunded (minor units)', live.reduce((a, f) => a + f.amount, 0)));
  if (outcome.totalChanged) {
    lines.push('', "  warning: Gravity's total changed during the pull (late orders); rows may have shifted between pages.",
      '  Rerun with --fresh to confirm the missing and duplicate rows.');
  }
  return lines.join('\n');
}

export function toCsv(rows: readonly DiffRow[]): string {
  const head = COLUMNS.map(([, name]) => name).join(',');
  const body = rows.map((row) => COLUMNS.map(([key]) => csvCell(row[key])).join(','));
  return [head, ...body].join('\r\n') + '\r\n';
}

/** The platform's refunds of the window (`minigame_pay_refund_succ_notify`), one row each; env 1 rows are sandbox. */
export function refundsCsv(rows: readonly ReconcileRefund[]): string {
  const head = 'order_id,refund_id,refund_amount_minor,env,received_at_cst';
  const body = rows.map((f) => [csvCell(f.orderId), csvCell(f.refundId), csvCell(f.amount), csvCell(f.env), csvCell(formatWallClock(f.receivedAt, CST_OFFSET_MINUTES))].join(','));
  return [head, ...body].join('\r\n') + '\r\n';
}

/** What Excel, LibreOffice and Sheets start a formula with (OWASP "CSV injection"), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell. Order ids, uids and statuses come from clients and from Gravity, so a text that a spreadsheet
 * would run as a formula (`=HYPERLINK(...)`, `+cmd|...`) gets OWASP's single-quote prefix: shown as text, never run.
 * Numbers are ours and never carry a formula, so `-5` stays a number.
 */
function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes `<kind>.csv` and `<kind>.json` for each kind of difference plus `summary.json` into `dir`, each
 * through a temp file and a rename so a reader never sees half a file. Returns the paths written.
 */
export function writeReport(dir: string, outcome: ReconcileOutcome, meta: ReportMeta): string[] {
  mkdirSync(dir, { recursive: true });
  const r: ReconcileReport = outcome.report;
  const written: string[] = [];
  const put = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, text, 'utf8');
    renameSync(`${path}.tmp`, path);
    written.push(path);
  };
  for (const [file, key] of KINDS) {
    const rows = r[key];
    put(`${file}.csv`, toCsv(rows));
    put(`${file}.json`, `${JSON.stringify({ kind: file, appId: meta.appId, gravityAppId: meta.gravityAppId, fromDay: r.fromDay, toDay: r.toDay, count: rows.length, rows }, null, 2)}\n`);
  }
  put('refunds.csv', refundsCsv(outcome.refunds));
  put('refunds.json', `${JSON.stringify({ kind: 'refunds', appId: meta.appId, fromDay: r.fromDay, toDay: r.toDay, count: outcome.refunds.length, rows: outcome.refunds }, null, 2)}\n`);
  put('summary.json', `${JSON.stringify({
    appId: meta.appId, gravityAppId: meta.gravityAppId, fromDay: r.fromDay, toDay: r.toDay,
    counts: r.counts, statusCounts: r.statusCounts,
    refunds: { count: outcome.refunds.filter((f) => f.env === 0).length, amount: outcome.refunds.filter((f) => f.env === 0).reduce((a, f) => a + f.amount, 0) },
    gravityRows: outcome.gravityTotal, pages: outcome.totalPages, reusedPull: outcome.reused, gravityTotalChanged: outcome.totalChanged,
  }, null, 2)}\n`);
  return written;
}
