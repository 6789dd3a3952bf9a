import { CST_OFFSET_MINUTES, formatDay, parseWallClock } from '../../shared/time/zoned-time';

/**
 * `--from` / `--to` are calendar days in China time (UTC+8), both inclusive, as Gravity's `PayEventTime`
 * filter reads them. Everything here is arithmetic on a fixed offset: the host's `TZ` never enters.
 */
export interface ReconcileWindow {
  fromDay: string;
  toDay: string;
  /** First instant of `fromDay` 00:00 CST, ms since epoch. */
  fromMs: number;
  /** First instant after `toDay`, exclusive. */
  toMs: number;
}

const DAY_MS = 24 * 3600_000;

export function parseDay(text: string, what = 'day'): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new RangeError(`${what} must be YYYY-MM-DD, got ${JSON.stringify(text)}`);
  const ms = parseWallClock(`${text} 00:00:00`, CST_OFFSET_MINUTES);
  // Date.UTC rolls 2025-02-30 over to March; a day that does not round-trip does not exist.
  if (formatDay(ms, CST_OFFSET_MINUTES) !== text) throw new RangeError(`${what} ${text} is not a calendar day`);
  return ms;
}

export function reconcileWindow(fromDay: string, toDay: string): ReconcileWindow {
  const fromMs = parseDay(fromDay, '--from');
  const toStart = parseDay(toDay, '--to');
  if (toStart < fromMs) throw new RangeError(`--to ${toDay} is before --from ${fromDay}`);
  return { fromDay, toDay, fromMs, toMs: toStart + DAY_MS };
}

/** The China-time calendar day of `epochMs`. */
export function cstDay(epochMs: number): string {
  return formatDay(epochMs, CST_OFFSET_MINUTES);
}

/** The China-time day before the one `epochMs` falls on: what the daily schedule reconciles. */
export function cstYesterday(epochMs: number): string {
  return cstDay(parseDay(cstDay(epochMs)) - DAY_MS);
}
