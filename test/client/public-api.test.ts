import * as api from '../../src/client/index';
import * as fs from 'fs';
import * as path from 'path';

/** The public surface, written out: a change here is a visible API change in review (no auto-updated snapshot). */
const EXPECTED_VALUES = [
  'InvalidReportError',
  'NetworkError',
  'OrderRefusedError',
  'PaymentFailedError',
  'PaymentInProgressError',
  'PlatformCannotPayError',
  'PurchaseError',
  'RelayError',
  'RelayRejectedError',
  'SDK_VERSION',
  'StorageFullError',
  'classifyPaymentError',
  'createPurchaseKit',
  'createQqPlatform',
  'createTtPlatform',
  'createWxPlatform',
  'detectPlatform',
  'isPurchaseReport',
  'reportProblem',
];

const EXPECTED_TYPES = [
  'BackoffOptions',
  'Clock',
  'GameContext',
  'HttpRequest',
  'HttpResponse',
  'KitEvents',
  'PaymentFailureCode',
  'PaymentOptions',
  'PaymentOutcome',
  'PaymentRequest',
  'Platform',
  'PlatformName',
  'PlatformPayment',
  'PlatformStorage',
  'PurchasableProduct',
  'PurchaseErrorCode',
  'PurchaseKit',
  'PurchaseKitOptions',
  'PurchaseResult',
  'RejectedReport',
  'ThirdPartyPurchase',
];

describe('public API of src/client/index.ts', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(api).sort()).toEqual(EXPECTED_VALUES);
  });

  it('exports exactly these types (read from the source: types vanish at run time)', () => {
    const src = fs.readFileSync(path.join(__dirname, '../../src/client/index.ts'), 'utf8');
    expect(src).not.toMatch(/export \*/);
    const types = Array.from(src.matchAll(/export type \{([^}]*)\}/g))
      .flatMap((m) => m[1].split(','))
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    expect(types).toEqual(EXPECTED_TYPES);
  });

  it('keeps SDK_VERSION equal to package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    expect(api.SDK_VERSION).toBe(pkg.version);
  });

  it('gives every error class a literal name and a code', () => {
    const errors = [
      new api.PaymentInProgressError(),
      new api.PaymentFailedError('x', -1),
      new api.PlatformCannotPayError('x'),
      new api.NetworkError('x'),
      new api.RelayRejectedError('x', 'o'),
      new api.RelayError('x', 500),
      new api.StorageFullError(),
      new api.InvalidReportError('x', 'amount'),
      new api.OrderRefusedError('UNKNOWN_PRODUCT', 'x', 'productId'),
    ];
    const names = errors.map((e) => e.name);
    expect(new Set(names).size).toBe(errors.length);
    for (const e of errors) {
      expect(e).toBeInstanceOf(api.PurchaseError);
      expect(e.constructor.name).toBe(e.name);
      expect(e.code).toMatch(/^[A-Z_]+$/);
    }
    expect(new api.PaymentFailedError('x', -15001).errCode).toBe(-15001);
  });
});
