import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyResponse } from '../../../src/relay/reconcile/gravity-client';
import { GravityOrderListRequestSchema, postbackStatus } from '../../../src/relay/reconcile/gravity-wire';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fakes/gravity/fixtures', name), 'utf8');

describe('Gravity order report on the wire', () => {
  it('parses the spec sample response into an order in fen with its postback status', () => {
    const r = classifyResponse(200, fixture('gravity-order-list.response.json'));
    expect(r).toEqual({
      ok: true,
      page: {
        page: 1,
        totalPages: 2,
        totalNumber: 32,
        orders: [
          {
            orderId: '400001_28825236638445517376',
            // Gravity's SDK takes the amount in fen ("单位为分"); the sample's 100 is 1.00 CNY, same as event$pay_amount.
            amount: 100,
            currency: 'CNY',
            payEventTime: '2024-07-11 15:32:26',
            status: 'not_posted',
          },
        ],
      },
    });
  });

  it('accepts the spec sample request', () => {
    expect(GravityOrderListRequestSchema.safeParse(JSON.parse(fixture('gravity-order-list.request.json'))).success).toBe(true);
  });

  it('refuses a request with page_size above 500', () => {
    const body = { ...JSON.parse(fixture('gravity-order-list.request.json')), page_size: 501 };
    expect(GravityOrderListRequestSchema.safeParse(body).success).toBe(false);
  });

  it('falls back to TraceID when the game sent no order id (event$order_id is 0)', () => {
    const sample = JSON.parse(fixture('gravity-order-list.response.json'));
    sample.data.list[0]['event$order_id'] = 0;
    sample.data.list[0].TraceID = 'trace-1';
    const r = classifyResponse(200, JSON.stringify(sample));
    expect(r.ok && r.page.orders[0].orderId).toBe('trace-1');
  });

  it('maps postback labels and codes, and keeps an unknown one', () => {
    expect(['未回传', '回传成功', '回传失败', '回传跳过', '0', 1, '2', 3].map(postbackStatus)).toEqual([
      'not_posted', 'posted', 'failed', 'skipped', 'not_posted', 'posted', 'failed', 'skipped',
    ]);
    expect(postbackStatus('审核中')).toBe('other:审核中');
  });

  describe('classifies failures without throwing', () => {
    it.each([
      [429, '{"code":429,"msg":"接口限频：每 10 分钟 1 次","data":null}', 'rate-limited', true],
      [200, '{"code":10029,"msg":"请求过于频繁","data":null}', 'rate-limited', true],
      [401, '{"code":401,"msg":"sign 校验失败","data":null}', 'auth', false],
      [200, '{"code":403,"msg":"无权限","data":null}', 'auth', false],
      [502, '<html>Bad Gateway</html>', 'upstream', true],
      [200, '<html>oops</html>', 'bad-response', false],
      [200, '', 'bad-response', false],
      [200, '{"code":0,"msg":"成功","data":{"list":[]}}', 'bad-response', false],
      [200, '{"code":0,"msg":"成功","data":{"page_info":{"page":1,"page_size":20,"total_number":1,"total_page":1},"list":[{"TraceID":"t","Amount":9.99,"PayEventTime":"2024-07-11 15:32:26","Status":"未回传"}]}}', 'bad-response', false],
      [200, '{"code":40001,"msg":"参数错误","data":null}', 'upstream', false],
    ])('HTTP %i %s → %s', (status, body, kind, retryable) => {
      const r = classifyResponse(status, body);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.kind).toBe(kind);
        expect(r.retryable).toBe(retryable);
      }
    });

    it('names the field of a row that does not parse (an amount in yuan is refused, not rounded)', () => {
      const sample = JSON.parse(fixture('gravity-order-list.response.json'));
      sample.data.list[0].Amount = 9.99;
      const r = classifyResponse(200, JSON.stringify(sample));
      expect(r.ok === false && r.message).toMatch(/list\.0\.Amount/);
    });
  });
});
