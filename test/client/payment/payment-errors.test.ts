import { classifyPaymentError, isCancelCode } from '../../../src/client/payment/payment-errors';

describe('payment error table', () => {
  it('knows the Midas cancel codes (-2, 1) on wx and qq', () => {
    for (const p of ['wx', 'qq'] as const) {
      expect(isCancelCode(p, -2)).toBe(true);
      expect(isCancelCode(p, 1)).toBe(true);
      expect(isCancelCode(p, -1)).toBe(false);
    }
  });

  it('classifies the documented Midas failures', () => {
    expect(classifyPaymentError('wx', 2)).toBe('PAYMENT_IN_PROGRESS');
    expect(classifyPaymentError('wx', -15006)).toBe('PLATFORM_CANNOT_PAY');
    for (const c of [-1, -15001, -15002, -15003, -15004, -15007, 5, 6, 1000, 1003]) {
      expect(classifyPaymentError('wx', c)).toBe('PAYMENT_FAILED');
    }
  });

  it('classifies the item-purchase and iOS codes of WeChat (the spec page and the typings agree)', () => {
    expect(classifyPaymentError('wx', -15015)).toBe('SESSION_STALE');
    expect(classifyPaymentError('wx', -15012)).toBe('BAD_SIGNATURE');
    expect(classifyPaymentError('wx', -15014)).toBe('BAD_SIGNATURE');
    expect(classifyPaymentError('wx', -15016)).toBe('PRICE_MISMATCH');
    expect(classifyPaymentError('wx', -15017)).toBe('ORDER_CLOSED');
    expect(classifyPaymentError('wx', 701001)).toBe('PLATFORM_CANNOT_PAY');
    expect(isCancelCode('wx', 7)).toBe(true);
    // QQ's Midas has none of them documented: plain failures there.
    expect(classifyPaymentError('qq', -15015)).toBe('PAYMENT_FAILED');
  });

  it("uses Douyin's own table on tt: 1 is not a cancel there, 4 is a network error", () => {
    expect(isCancelCode('tt', -2)).toBe(true);
    expect(isCancelCode('tt', 1)).toBe(false);
    expect(classifyPaymentError('tt', 4)).toBe('NETWORK');
    expect(classifyPaymentError('tt', -16000)).toBe('PAYMENT_FAILED');
  });

  it('treats a missing or unknown code as a failure', () => {
    expect(classifyPaymentError('wx', undefined)).toBe('PAYMENT_FAILED');
    expect(classifyPaymentError('wx', 987654)).toBe('PAYMENT_FAILED');
  });
});
