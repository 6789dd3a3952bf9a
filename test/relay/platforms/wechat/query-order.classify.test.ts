import fc from 'fast-check';
import { classifyQueryOrder } from '../../../../src/relay/platforms/wechat/query-order';

const paid = {
  errcode: 0, errmsg: 'ok', pay_state: 2, deliver_state: 2, product_id: 'gem_60', pay_finish_time: 1_760_000_000,
  out_trade_no: 'mp_1', mch_order_no: 'm', transaction_id: 't',
};
const c = (body: unknown, expected?: string) => classifyQueryOrder(200, JSON.stringify(body), expected);

describe('classifyQueryOrder', () => {
  it('paid, with pay_finish_time seconds → ms (a value already in ms is kept)', () => {
    expect(c(paid)).toEqual({ kind: 'paid', productId: 'gem_60', payFinishTime: 1_760_000_000_000, deliverState: 2, transactionId: 't', mchOrderNo: 'm' });
    expect(c({ ...paid, pay_finish_time: 1_760_000_000_123 })).toMatchObject({ payFinishTime: 1_760_000_000_123 });
  });

  it('unpaid; an unknown pay_state is a retryable error, never paid', () => {
    expect(c({ ...paid, pay_state: 1 })).toEqual({ kind: 'unpaid' });
    expect(c({ ...paid, pay_state: 3 })).toEqual({ kind: 'error', detail: 'queryorderinfo pay_state 3', retryable: true });
  });

  it('paid without product_id or time is not paid', () => {
    expect(c({ ...paid, product_id: '' })).toMatchObject({ kind: 'error' });
    expect(c({ ...paid, pay_finish_time: 0 })).toMatchObject({ kind: 'error' });
  });

  it('an answer about another out_trade_no is refused', () => {
    expect(c(paid, 'mp_1')).toMatchObject({ kind: 'paid' });
    expect(c(paid, 'mp_2')).toEqual({ kind: 'error', detail: 'queryorderinfo answered about another out_trade_no', retryable: false });
  });

  it('errcodes', () => {
    expect(c({ errcode: 90016, errmsg: 'x' })).toEqual({ kind: 'session-key-expired' });
    expect(c({ errcode: 90019 })).toEqual({ kind: 'not-found' });
    for (const code of [40001, 42001, 40014]) expect(c({ errcode: code })).toEqual({ kind: 'token-invalid' });
    for (const code of [90010, 90011, 90018]) expect(c({ errcode: code })).toEqual({ kind: 'error', detail: `queryorderinfo errcode ${code}`, retryable: false });
    for (const code of [-1, 45009, 45011]) expect(c({ errcode: code })).toMatchObject({ kind: 'error', retryable: true });
    expect(c({ errcode: 12345 })).toMatchObject({ kind: 'error', retryable: false });
  });

  it('HTTP errors and garbage are retryable errors', () => {
    expect(classifyQueryOrder(502, '')).toEqual({ kind: 'error', detail: 'queryorderinfo HTTP 502', retryable: true });
    expect(classifyQueryOrder(200, '<html>系统繁忙</html>')).toEqual({ kind: 'error', detail: 'queryorderinfo answered non-JSON', retryable: true });
    for (const body of [null, [], 'x', { pay_state: '2' }, {}]) {
      expect(c(body)).toMatchObject({ kind: 'error', retryable: true });
    }
  });

  it('never throws and never says paid for random text or random JSON', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, text) => {
        expect(classifyQueryOrder(status, text).kind).not.toBe('paid');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = classifyQueryOrder(200, JSON.stringify(value));
        if (r.kind === 'paid') {
          expect(value).toMatchObject({ pay_state: 2 });
        }
      }),
      { numRuns: 300 },
    );
  });
});
