import fc from 'fast-check';
import { PurchaseReportSchema } from '../../../src/shared/schemas/purchase-report';
import { RelayErrorBodySchema } from '../../../src/shared/schemas/relay-api';
import { signJwt } from '../../../src/relay/session/jwt';
import { APP_ID, SESSION_SECRET, login, report, startTestRelay, type TestRelay } from '../http/relay-test-kit';

/**
 * Bad input never hurts the relay: thousands of malformed bodies, headers and tokens each get a 4xx with a JSON
 * error that names the problem (never a 5xx), malformed reports inside a good envelope are each `rejected` with
 * their field named, and valid reports posted in between keep being accepted.
 */

const BODY_LIMIT = 16 * 1024;
const printable = (max: number) =>
  fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: max }).map((codes) => String.fromCharCode(...codes));
const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

interface Attempt {
  kind: string;
  headers: Record<string, string>;
  body: string;
}

describe('fuzz: POST /v1/purchases and /v1/session with malformed input', () => {
  let t: TestRelay;
  let token = '';
  let openid = '';
  beforeAll(async () => {
    t = await startTestRelay({ limits: { bodyBytes: BODY_LIMIT, perIpPerMinute: 1_000_000, perOpenidPerMinute: 1_000_000, reportsPerPlayerPerMinute: 1_000_000, reportsPerPlayerPerDay: 1_000_000, reportsPerGamePerMinute: 1_000_000 } });
    ({ token, openid } = await login(t.url, 'fuzz'));
  });
  afterAll(() => t.close());

  const send = async (path: string, a: Attempt) => {
    const res = await fetch(t.url + path, { method: 'POST', headers: a.headers, body: a.body });
    const text = await res.text();
    return { status: res.status, text };
  };

  const auth = () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

  /** Bodies that are not a valid envelope: not JSON, JSON of the wrong shape, wrong `reports`. */
  const badEnvelope: fc.Arbitrary<Attempt> = fc.oneof(
    printable(200).filter((s) => !isJson(s)).map((body) => ({ kind: 'not-json', headers: auth(), body })),
    fc.jsonValue().filter((v) => !isEnvelope(v)).map((v) => ({ kind: 'wrong-json', headers: auth(), body: JSON.stringify(v) })),
    fc
      .oneof(fc.constant([]), fc.string(), fc.integer(), fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.constant(0), { minLength: 51, maxLength: 60 }))
      .map((reports) => ({ kind: 'bad-reports', headers: auth(), body: JSON.stringify({ reports }) })),
    fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 3 }).map((n) => ({ kind: 'too-large', headers: auth(), body: `{"reports":["${'x'.repeat(n)}"]}` })),
  );

  /** A valid body with a broken header: content type, scheme, token. */
  const badHeaders: fc.Arbitrary<Attempt> = fc
    .tuple(
      fc.oneof(
        printable(40).filter((c) => c.split(';')[0].trim().toLowerCase() !== 'application/json').map((ct) => ({ 'content-type': ct, authorization: `Bearer ${token}` })),
        fc.constant<Record<string, string>>({ 'content-type': 'application/json' }),
        printable(80).map((h) => ({ 'content-type': 'application/json', authorization: h })),
        printable(80).map((h) => ({ 'content-type': 'application/json', authorization: `Bearer ${h}` })),
      ),
      fc.constant(0),
    )
    .filter(([h]) => h.authorization !== `Bearer ${token}` || h['content-type'] !== 'application/json')
    .map(([headers]) => ({ kind: 'bad-header', headers, body: JSON.stringify({ reports: [report(openid)] }) }));

  /** Tokens that look real: tampered, wrong secret, expired, alg none/HS512, missing claims, random segments. */
  const badTokens: fc.Arbitrary<Attempt> = fc
    .oneof(
      fc.tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.')).map(([i, c]) => {
        const pos = i % token.length;
        return token[pos] === c ? null : token.slice(0, pos) + c + token.slice(pos + 1);
      }),
      printable(20).map((s) => signJwt({ app: APP_ID, sub: openid, exp: Math.floor(Date.now() / 1000) + 600 }, `wrong-${s}`)),
      fc.integer({ min: 1, max: 1e6 }).map((ago) => signJwt({ app: APP_ID, sub: openid, exp: Math.floor(Date.now() / 1000) - ago }, SESSION_SECRET)),
      fc.constantFrom('none', 'HS512', 'RS256', 'hs256', '').map((alg) => `${b64({ alg, typ: 'JWT' })}.${b64({ app: APP_ID, sub: openid, exp: 9e9 })}.`),
      fc.integer({ min: 0, max: 4 }).map((i) => {
        // Built at generation time: the openid exists only after login.
        const claims = [{ app: APP_ID }, { sub: openid, exp: 9e9 }, { app: APP_ID, sub: openid }, { app: 'wxnope', sub: openid, exp: 9e9 }, { app: APP_ID, sub: '', exp: 9e9 }];
        return signJwt(claims[i], SESSION_SECRET);
      }),
      fc.tuple(printable(30), printable(30), printable(30)).map(([a, b, c]) => `${b64(a)}.${b64(b)}.${b64(c)}`),
    )
    .filter((tok): tok is string => tok !== null && tok !== token)
    .map((tok) => ({ kind: 'bad-token', headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` }, body: JSON.stringify({ reports: [report(openid)] }) }));

  const FIELDS = ['orderId', 'appId', 'uid', 'productId', 'amount', 'currency', 'payType', 'paidAt', 'device', 'sdkVersion', 'level', 'country'] as const;
  /** A valid envelope whose one report has one field broken. */
  const badReport = fc
    .tuple(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(-1), fc.constant(1.5), fc.constant('x'.repeat(600))))
    .map(([field, value]) => ({ field, body: { ...report(openid), [field]: value } }))
    // Only broken reports: a generated value may happen to be valid for its field.
    .filter(({ body }) => {
      const parsed = PurchaseReportSchema.safeParse(JSON.parse(JSON.stringify(body)));
      return !parsed.success || parsed.data.appId !== APP_ID || parsed.data.uid !== openid;
    });

  it('answers every one of ≥ 2,000 malformed bodies, headers and tokens with a 4xx JSON error, and keeps accepting valid reports', async () => {
    let runs = 0;
    let validAccepted = 0;
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(badEnvelope, badHeaders, badTokens), async (attempt) => {
        runs++;
        kinds.set(attempt.kind, (kinds.get(attempt.kind) ?? 0) + 1);
        const a = await send('/v1/purchases', attempt);
        expect(a.status).toBeGreaterThanOrEqual(400);
        expect(a.status).toBeLessThan(500);
        const err = RelayErrorBodySchema.parse(JSON.parse(a.text)).error;
        expect(err.message.length).toBeGreaterThan(0);
        // The problem is named: the field for 400/401/415, the limit for 413.
        if (a.status === 413) expect(err.message).toContain(String(BODY_LIMIT));
        else expect(err.field).toEqual(expect.any(String));
        if (attempt.kind === 'bad-token' || (attempt.kind === 'bad-header' && !attempt.headers.authorization?.startsWith(`Bearer ${token}`))) {
          if (a.status !== 415) expect(err.field).toBe('authorization');
        }
        if (runs % 25 === 0) {
          const ok = await send('/v1/purchases', { kind: 'valid', headers: auth(), body: JSON.stringify({ reports: [report(openid)] }) });
          expect(ok.status).toBe(200);
          expect(JSON.parse(ok.text).results[0].status).toBe('accepted');
          validAccepted++;
        }
      }),
      { numRuns: 2100 },
    );
    expect(runs).toBeGreaterThanOrEqual(2000);
    expect(validAccepted).toBeGreaterThanOrEqual(80);
    // Each family was exercised.
    for (const k of ['not-json', 'wrong-json', 'bad-reports', 'too-large', 'bad-header', 'bad-token']) expect(kinds.get(k) ?? 0).toBeGreaterThan(20);
  }, 180_000);

  it('rejects each malformed report of a valid envelope naming its field, while the valid neighbour lands', async () => {
    await fc.assert(
      fc.asyncProperty(badReport, async ({ field, body }) => {
        const good = report(openid);
        const a = await send('/v1/purchases', { kind: 'report', headers: auth(), body: JSON.stringify({ reports: [body, good] }) });
        expect(a.status).toBe(200);
        const [bad, fine] = JSON.parse(a.text).results;
        expect(bad.status).toBe('rejected');
        expect(bad.error).toMatch(new RegExp(`^reports\\[0\\]\\.${field}`));
        expect(fine).toEqual({ orderId: good.orderId, status: 'accepted' });
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('answers malformed session requests with a 4xx naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.record({ appId: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()), code: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(null)) }).map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const a = await send('/v1/session', { kind: 'session', headers: { 'content-type': 'application/json' }, body });
          if (a.status === 200) {
            // Only a well-formed request for the configured app may log in.
            expect(JSON.parse(body).appId).toBe(APP_ID);
            return;
          }
          expect(a.status).toBeGreaterThanOrEqual(400);
          expect(a.status).toBeLessThan(500);
          expect(RelayErrorBodySchema.parse(JSON.parse(a.text)).error.field).toEqual(expect.any(String));
        },
      ),
      { numRuns: 300 },
    );
  });
});

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function isEnvelope(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Array.isArray((v as { reports?: unknown }).reports) && (v as { reports: unknown[] }).reports.length > 0 && (v as { reports: unknown[] }).reports.length <= 50;
}
