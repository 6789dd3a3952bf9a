import fc from 'fast-check';
import { reportProblem, isPurchaseReport, CLIENT_ORDER_ID_PATTERN, CLIENT_MAX_REPORTS_PER_BATCH } from '../../../src/client/report/report-guard';
import { PurchaseReportSchema, ORDER_ID_PATTERN, MAX_REPORTS_PER_BATCH, PAID_AT_MIN, PAID_AT_MAX } from '../../../src/shared/schemas/purchase-report';

/** Strings near each field's limits, numbers near each bound, and things of the wrong type. */
const str = (max: number) => fc.oneof(fc.string({ maxLength: max + 2 }), fc.constant(''), fc.constant('x'.repeat(max)), fc.constant('x'.repeat(max + 1)));
const num = fc.oneof(
  fc.integer({ min: -5, max: 1e6 }),
  fc.constantFrom(0, 1, -1, 1e12, 1e12 + 1, 0.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2),
  fc.double(),
);
/** Times in and around the schema's range, its edges, and numbers that are no time at all. */
const time = fc.oneof(
  fc.integer({ min: PAID_AT_MIN - 1000, max: PAID_AT_MAX + 1000 }),
  fc.constantFrom(PAID_AT_MIN - 1, PAID_AT_MIN, PAID_AT_MIN + 0.5, PAID_AT_MAX, PAID_AT_MAX + 1, 1763800000, Number.MAX_SAFE_INTEGER),
  num,
);
const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), num, fc.string({ maxLength: 3 }), fc.constant({}), fc.constant([]));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk });
const orderId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.string({ maxLength: 70 }), fc.constant(''), fc.constant('a'.repeat(65)));
const currency = fc.oneof(fc.constantFrom('CNY', 'USD', 'KRW', 'JPY', 'KWD', 'XXX', 'usd', 'CN', 'CNYY'), fc.stringMatching(/^[A-Z]{3}$/));

const device = fc.record(
  {
    type: fc.oneof(fc.constantFrom(1, 2, 3), junk),
    brand: maybe(str(64)),
    model: maybe(str(128)),
    os: maybe(str(32)),
    osVersion: maybe(str(64)),
    language: maybe(str(32)),
    platformVersion: maybe(str(64)),
  },
  { requiredKeys: [] },
);

const VALID_KEYS = {
  orderId: 1, appId: 1, uid: 1, productId: 1, goodsName: 1, amount: 1, currency: 1, payType: 1, paidAt: 1, zone: 1,
  gameUid: 1, gameNickname: 1, level: 1, playerId: 1, country: 1, serverId: 1, characterId: 1, device: 1, netType: 1,
  scene: 1, sdkVersion: 1,
};

const report = fc.record(
  {
    orderId: fc.oneof({ weight: 4, arbitrary: orderId }, junk),
    appId: fc.oneof(str(64), junk),
    uid: fc.oneof(str(128), junk),
    productId: fc.oneof(str(512), junk),
    goodsName: maybe(str(128)),
    amount: fc.oneof({ weight: 4, arbitrary: num }, junk),
    currency: fc.oneof({ weight: 4, arbitrary: currency }, junk),
    payType: fc.oneof(fc.constantFrom(2, 3), fc.constantFrom(1, 4, '2'), junk),
    paidAt: fc.oneof(time, junk),
    zone: maybe(str(64)),
    gameUid: maybe(str(128)),
    gameNickname: maybe(str(128)),
    level: maybe(num),
    playerId: maybe(str(128)),
    country: maybe(fc.oneof(fc.stringMatching(/^[A-Za-z]{2}$/), fc.constantFrom('C', 'CNN', 'C1'))),
    serverId: maybe(str(32)),
    characterId: maybe(str(64)),
    device: fc.oneof({ weight: 5, arbitrary: device }, junk),
    netType: maybe(str(16)),
    scene: maybe(str(32)),
    sdkVersion: fc.oneof(str(32), junk),
    extra: maybe(fc.string()),
  },
  { requiredKeys: [] },
);

/** Reports valid by construction (every optional field sometimes present, at or near its limits). */
const okStr = (min: number, max: number) => fc.string({ minLength: min, maxLength: max });
const validReport = fc.record(
  {
    orderId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    appId: okStr(1, 64),
    uid: okStr(1, 128),
    productId: okStr(1, 512),
    goodsName: okStr(0, 128),
    amount: fc.integer({ min: 0, max: 1e12 }),
    currency: fc.constantFrom('CNY', 'USD', 'KRW', 'JPY', 'KWD', 'EUR'),
    payType: fc.constantFrom(2, 3),
    paidAt: fc.integer({ min: PAID_AT_MIN, max: PAID_AT_MAX }),
    zone: okStr(0, 64),
    gameUid: okStr(0, 128),
    level: fc.integer({ min: 0, max: 1000 }),
    country: fc.stringMatching(/^[A-Za-z]{2}$/),
    serverId: okStr(0, 32),
    device: fc.record(
      { type: fc.constantFrom(1, 2, 3), brand: okStr(0, 64), model: okStr(0, 128), osVersion: okStr(0, 64) },
      { requiredKeys: ['type'] },
    ),
    netType: okStr(0, 16),
    scene: okStr(0, 32),
    sdkVersion: okStr(0, 32),
  },
  { requiredKeys: ['orderId', 'appId', 'uid', 'productId', 'amount', 'currency', 'payType', 'paidAt', 'device', 'sdkVersion'] },
);

/** A valid report with one or two fields replaced by a generated (often invalid) value. */
const corrupted = fc
  .tuple(validReport, report, fc.array(fc.constantFrom(...Object.keys(VALID_KEYS)), { minLength: 1, maxLength: 2 }))
  .map(([ok, wild, keys]) => {
    const r: Record<string, unknown> = { ...ok };
    for (const k of keys) r[k] = (wild as Record<string, unknown>)[k];
    return r;
  });

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

describe('client report guard vs the shared zod schema', () => {
  it('keeps its copies of the shared constants equal to them', () => {
    expect(CLIENT_ORDER_ID_PATTERN.source).toBe(ORDER_ID_PATTERN.source);
    expect(CLIENT_MAX_REPORTS_PER_BATCH).toBe(MAX_REPORTS_PER_BATCH);
  });

  it('agrees with PurchaseReportSchema on generated reports, valid and invalid', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(validReport, corrupted, report), (r) => {
        const zod = PurchaseReportSchema.safeParse(r).success;
        if (zod) valid++;
        expect(isPurchaseReport(r)).toBe(zod);
      }),
      { numRuns: 5000 },
    );
    expect(valid).toBeGreaterThan(500); // both sides of the boundary are exercised
  });

  it('agrees on one-field mutations of a valid report, and names the field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(VALID), 'goodsName', 'level', 'country', 'netType'), junk, (key, value) => {
        const r = { ...VALID, [key]: value } as Record<string, unknown>;
        const zod = PurchaseReportSchema.safeParse(r);
        expect(isPurchaseReport(r)).toBe(zod.success);
        if (!zod.success) expect(reportProblem(r)?.split('.')[0]).toBe(String(zod.error.issues[0].path[0]));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the DESIGN.md example and refuses a non-object', () => {
    expect(reportProblem(VALID)).toBeUndefined();
    expect(reportProblem(null)).toBe('(root)');
    expect(reportProblem([VALID])).toBe('(root)');
  });
});
