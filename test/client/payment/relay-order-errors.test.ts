import { createTestKit, startRelay } from '../test-kit';
import { PACK } from '../test-kit';
import type { FakeRelay, OrdersMode } from '../../fakes/relay/fake-relay';

/** What `POST /v1/orders` can answer besides an order, and what the purchase does then. */
let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.orders = 'item';
  relay.ordersScript = [];
});

const orderKeys = (data: Map<string, unknown>) => Array.from(data.keys()).filter((k) => k.startsWith('mp:v1:o:'));
const sessions = () => relay.posts('/v1/session');
const orderPosts = () => relay.posts('/v1/orders');

describe('SESSION_KEY_STALE (401)', () => {
  it('logs in again once and retries the order once', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    const [s, o] = [sessions(), orderPosts()];
    relay.ordersScript = ['stale'];
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('paid');
    expect(sessions() - s).toBe(1);
    expect(orderPosts() - o).toBe(2);
    expect(wx.paymentCalls).toHaveLength(1);
    kit.close();
  });

  it('does not loop when the relay keeps saying so: failed, no sheet, nothing stored', async () => {
    relay.orders = 'stale';
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    const [s, o] = [sessions(), orderPosts()];
    const result = await kit.purchase(PACK);
    expect(result).toMatchObject({ status: 'failed', orderId: '', error: { name: 'RelayError', status: 401 } });
    expect(result.error!.message).toMatch(/SESSION_KEY_STALE/);
    expect(sessions() - s).toBe(1);
    expect(orderPosts() - o).toBe(2);
    expect(wx.paymentCalls).toHaveLength(0);
    expect(orderKeys(wx.storage.data)).toEqual([]);
    kit.close();
  });
});

describe('WeChat -15015 at the sheet (the relay signed with an expired session_key)', () => {
  it('fails with SESSION_STALE, and the next order logs in first', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    wx.payments = [{ errCode: -15015, errMsg: 'session key expired' }];
    const failed = await kit.purchase(PACK);
    expect(failed.error).toMatchObject({ name: 'PaymentFailedError', code: 'SESSION_STALE', errCode: -15015 });
    expect(orderKeys(wx.storage.data)).toEqual([]);
    const s = sessions();
    const at = relay.log.length;
    expect((await kit.purchase(PACK)).status).toBe('paid');
    expect(sessions() - s).toBe(1);
    expect(relay.log.slice(at).map((l) => l.path).slice(0, 2)).toEqual(['/v1/session', '/v1/orders']);
    kit.close();
  });
});

describe('refused orders (400)', () => {
  it.each([
    ['unknown-product', 'UNKNOWN_PRODUCT'],
    ['not-payable', 'PRICE_NOT_PAYABLE'],
  ] as Array<[OrdersMode, string]>)('%s: failed with OrderRefusedError naming %s, no sheet, nothing stored', async (mode, code) => {
    relay.orders = mode;
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase(PACK);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'OrderRefusedError', code: 'ORDER_REFUSED', reason: code, field: 'productId' });
    expect(result.error!.message).toContain(code);
    expect(wx.paymentCalls).toHaveLength(0);
    expect(orderKeys(wx.storage.data)).toEqual([]);
    kit.close();
  });
});

describe('an unreachable relay', () => {
  it.each(['5xx', 'drop'] as OrdersMode[])('%s: failed with NetworkError, no sheet, nothing stored', async (mode) => {
    relay.orders = mode;
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase(PACK);
    expect(result).toMatchObject({ status: 'failed', error: { name: 'NetworkError', code: 'NETWORK' } });
    expect(wx.paymentCalls).toHaveLength(0);
    expect(orderKeys(wx.storage.data)).toEqual([]);
    kit.close();
  });

  it('no network at all: the same', async () => {
    const [kit, { wx }] = createTestKit(relay, { fake: { networkType: 'none' } });
    const result = await kit.purchase(PACK);
    expect(result.error).toMatchObject({ name: 'NetworkError' });
    expect(wx.paymentCalls).toHaveLength(0);
    expect(orderKeys(wx.storage.data)).toEqual([]);
    kit.close();
  });

  it('one purchase at a time, the order request included', async () => {
    relay.ordersScript = ['hang'];
    const [kit] = createTestKit(relay);
    const first = kit.purchase(PACK);
    const second = await kit.purchase(PACK);
    expect(second.error).toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
    kit.close();
    void first;
  });
});
