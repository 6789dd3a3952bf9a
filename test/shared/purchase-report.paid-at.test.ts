import { reportProblem } from '../../src/client/report/report-guard';
import { PurchaseReportSchema } from '../../src/shared/schemas/purchase-report';

const VALID = {
  orderId: '74a3a21ffca9b09d8def90a54a3014ca',
  appId: 'wx1234567891234567',
  uid: 'oI2nx3EUnScOMVVBJBYq-1234567',
  productId: '500.picsh.cre',
  amount: 999,
  currency: 'CNY',
  payType: 2,
  paidAt: 1763800000000,
  device: { type: 3 },
  sdkVersion: '0.1.0',
};

/**
 * "Hardening the relay", finding 1: `paidAt: 9007199254740991` was a valid report; Hive's row then said
 * `dateTime: "NaN-NaN-NaN NaN:NaN:NaN"` and the whole batch went dead. `paidAt` is bounded to a sane epoch range
 * in the shared schema, and the client guard agrees.
 */
describe('PurchaseReportSchema: paidAt is a time between 2020 and 2100', () => {
  it.each([
    ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
    ['1 ms after the epoch', 1],
    ['the last ms of 2019', Date.UTC(2020, 0, 1) - 1],
    ['2100-01-01T00:00:00.001Z', Date.UTC(2100, 0, 1) + 1],
    ['seconds instead of ms', 1763800000],
  ])('refuses %s, naming paidAt, and so does the client guard', (_name, paidAt) => {
    const parsed = PurchaseReportSchema.safeParse({ ...VALID, paidAt });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['paidAt']);
    expect(reportProblem({ ...VALID, paidAt })).toBe('paidAt');
  });

  it.each([
    ['2020-01-01T00:00:00Z', Date.UTC(2020, 0, 1)],
    ['2100-01-01T00:00:00Z', Date.UTC(2100, 0, 1)],
    ['a time of 2025', 1763800000000],
  ])('accepts %s', (_name, paidAt) => {
    expect(PurchaseReportSchema.safeParse({ ...VALID, paidAt }).success).toBe(true);
    expect(reportProblem({ ...VALID, paidAt })).toBeUndefined();
  });
});
