import { isKnownCurrency } from '../currency-codes';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import { int, isObject, oneOf, opt, re, str } from '../checks';
import type { Check } from '../checks';

// A hand-written check of `PurchaseReportSchema`, so the client bundle ships without zod. A property test runs
// generated reports through both and asserts they agree.

/**
 * Copies of the shared constants: importing them would pull zod into the client bundle (the schema module builds
 * its schemas at load). A test asserts they equal `ORDER_ID_PATTERN` and `MAX_REPORTS_PER_BATCH`.
 */
export const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const CLIENT_MAX_REPORTS_PER_BATCH = 50;

const DEVICE: Record<string, Check> = {
  type: oneOf(1, 2, 3),
  brand: opt(str(0, 64)),
  model: opt(str(0, 128)),
  os: opt(str(0, 32)),
  osVersion: opt(str(0, 64)),
  language: opt(str(0, 32)),
  platformVersion: opt(str(0, 64)),
};

const REPORT: Record<string, Check> = {
  orderId: re(CLIENT_ORDER_ID_PATTERN),
  appId: str(1, 64),
  uid: str(1, 128),
  productId: str(1, 512),
  goodsName: opt(str(0, 128)),
  amount: int(0, 1e12),
  currency: (v) => re(/^[A-Z]{3}$/)(v) && isKnownCurrency(v as string),
  payType: oneOf(2, 3),
  paidAt: int(1577836800000, 4102444800000), // PAID_AT_MIN..PAID_AT_MAX: 2020-01-01..2100-01-01 UTC
  zone: opt(str(0, 64)),
  gameUid: opt(str(0, 128)),
  gameNickname: opt(str(0, 128)),
  level: opt(int(0, Number.MAX_SAFE_INTEGER)),
  playerId: opt(str(0, 128)),
  country: opt(re(/^[A-Za-z]{2}$/)),
  serverId: opt(str(0, 32)),
  characterId: opt(str(0, 64)),
  device: (v) => isObject(v) && firstBad(DEVICE, v) === undefined,
  netType: opt(str(0, 16)),
  scene: opt(str(0, 32)),
  sdkVersion: str(0, 32),
};

function firstBad(checks: Record<string, Check>, v: Record<string, unknown>): string | undefined {
  for (const k in checks) if (!checks[k](v[k])) return k;
  return undefined;
}

/** The first field of `v` that `PurchaseReportSchema` would refuse, or undefined when it is a valid report. */
export function reportProblem(v: unknown): string | undefined {
  if (!isObject(v)) return '(root)';
  const bad = firstBad(REPORT, v);
  if (bad === 'device' && isObject(v.device)) return 'device.' + firstBad(DEVICE, v.device);
  return bad;
}

export function isPurchaseReport(v: unknown): v is PurchaseReport {
  return reportProblem(v) === undefined;
}
