/**
 * WeChat Midas price tiers for game coins (`requestMidasPayment`): quantity × coin price must land on one, in whole
 * yuan: every yuan from 1 to 648, then 998, 1998 and 2998 (platform-payment-verification.md, "Client calls").
 * Kept here alone so a change of WeChat's list is one edit.
 */
const TOP_TIERS = new Set([998, 1998, 2998]);

/** True when `fen` is a WeChat coin price tier. */
export function isMidasPriceTier(fen: number): boolean {
  if (!Number.isSafeInteger(fen) || fen <= 0 || fen % 100 !== 0) return false;
  const yuan = fen / 100;
  return yuan <= 648 || TOP_TIERS.has(yuan);
}
