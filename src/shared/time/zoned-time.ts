/**
 * Wall-clock formatting in a fixed UTC offset, without Intl or the host's time zone: the relay may run in
 * any TZ and Hive wants Korea Standard Time (UTC+9, no daylight saving since 1988).
 */
export const KST_OFFSET_MINUTES = 9 * 60;
export const CST_OFFSET_MINUTES = 8 * 60; // China Standard Time, Gravity's report times

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD HH:mm:ss` of `epochMs` at `offsetMinutes` east of UTC. */
export function formatWallClock(epochMs: number, offsetMinutes: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Hive's `purchase_time` / `dateTime`: KST wall clock. */
export function formatKst(epochMs: number): string {
  return formatWallClock(epochMs, KST_OFFSET_MINUTES);
}

/** `GMT+09:00` for 540; Hive's `timezone` column. */
export function gmtOffsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `GMT${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parses `YYYY-MM-DD HH:mm:ss` written at `offsetMinutes` east of UTC back to ms since epoch. */
export function parseWallClock(text: string, offsetMinutes: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new RangeError(`not a wall-clock time: ${JSON.stringify(text)}`);
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return utc - offsetMinutes * 60_000;
}

/** The calendar day (`YYYY-MM-DD`) of `epochMs` at `offsetMinutes`. */
export function formatDay(epochMs: number, offsetMinutes: number): string {
  return formatWallClock(epochMs, offsetMinutes).slice(0, 10);
}
