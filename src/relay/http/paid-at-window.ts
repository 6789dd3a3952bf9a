/**
 * `paidAt` is the device's clock, held by the report schema to 2020..2100. The relay also holds it to a window of
 * its own clock at ingest: a time that is neither a plausible fast device clock nor a plausibly late report is a
 * broken or tampered clock, and every sink would file the purchase on the wrong day.
 */

/**
 * How far ahead of the relay clock `paidAt` may be: 10 minutes. Phones keep network time to within seconds; a
 * few minutes covers a phone that does not, and the relay's own clock drift.
 */
export const PAID_AT_MAX_AHEAD_MS = 10 * 60 * 1000;

/**
 * How old `paidAt` may be: 400 days. The client never drops a report and sends it when the game is next opened,
 * so a player back after a year is still counted; older than that is a device clock set back.
 */
export const PAID_AT_MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;

/** Why `paidAt` is outside the window of the relay clock `now`, or undefined when it is inside. */
export function paidAtOutsideWindow(paidAt: number, now: number): string | undefined {
  if (paidAt > now + PAID_AT_MAX_AHEAD_MS) return `more than ${PAID_AT_MAX_AHEAD_MS / 60_000} minutes ahead of the relay clock`;
  if (paidAt < now - PAID_AT_MAX_AGE_MS) return `more than ${PAID_AT_MAX_AGE_MS / 86_400_000} days before the relay clock`;
  return undefined;
}
