import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import type { PurchaseError } from '../../../src/client/errors';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.mode = 'ok';
  relay.script = [];
});

describe('relay answers', () => {
  it('removes an entry from storage on accepted, and emits reported', async () => {
    const [kit, { wx }] = createTestKit(relay);
    const reported: unknown[] = [];
    kit.on('reported', (r) => reported.push(r));
    const { orderId } = await kit.purchase(PACK);
    await until(() => reported.length === 1);
    expect(reported).toEqual([{ orderId, status: 'accepted' }]);
    expect(wx.storage.data.has('mp:v1:o:' + orderId)).toBe(false);
    expect(wx.storage.json('mp:v1:orders')).toEqual([]);
    kit.close();
  });

  it('removes on duplicate: the relay had it from an answer that never arrived', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    relay.script = ['drop-after-commit'];
    const reported: Array<{ status: string }> = [];
    kit.on('reported', (r) => reported.push(r));
    const { orderId } = await kit.purchase(PACK);
    await until(() => relay.accepted.has(orderId));
    expect(kit.queuedCount()).toBe(1); // committed at the relay, but we never heard
    await kit.flush();
    expect(reported).toEqual([{ orderId, status: 'duplicate' }]);
    expect(relay.acceptCount.get(orderId)).toBe(1);
    expect(wx.storage.data.has('mp:v1:o:' + orderId)).toBe(false);
    kit.close();
  });

  it('sets a rejected entry aside with the reason, reports it, and does not resend it', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    const errors: PurchaseError[] = [];
    kit.on('error', (e) => errors.push(e));
    relay.mode = '5xx';
    const { orderId } = await kit.purchase(PACK);
    await kit.flush();
    relay.mode = 'ok';
    relay.reject.set(orderId, 'amount does not match the product');
    await kit.flush();
    const rejected = errors.find((e) => e.code === 'RELAY_REJECTED');
    expect(rejected).toMatchObject({ name: 'RelayRejectedError', orderId, message: 'amount does not match the product' });
    expect(kit.rejectedReports()).toEqual([{ orderId, reason: 'amount does not match the product', report: expect.objectContaining({ orderId }) }]);
    expect(wx.storage.json('mp:v1:o:' + orderId)).toMatchObject({ s: 'r', e: 'amount does not match the product' });
    const posts = relay.posts('/v1/purchases');
    await kit.flush();
    expect(relay.posts('/v1/purchases')).toBe(posts);
    kit.close();
  });

  it('keeps the batch on a garbage 200 and says so', async () => {
    const [kit] = createTestKit(relay);
    await kit.login();
    relay.script = ['garbage'];
    const errors: string[] = [];
    kit.on('error', (e) => errors.push(e.code));
    const { orderId } = await kit.purchase(PACK);
    await until(() => errors.length > 0);
    expect(errors).toContain('RELAY_ERROR');
    expect(kit.queuedCount()).toBe(1);
    await kit.flush();
    expect(relay.acceptCount.get(orderId)).toBe(1);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });

  it('halves the batch on 413 and still delivers everything', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    relay.mode = '5xx';
    const ids = Array.from({ length: 40 }, () => kit.reportPurchase({ productId: 'p', amount: 1, currency: 'USD' }).orderId);
    await kit.flush();
    relay.mode = 'ok';
    relay.script = ['413'];
    const from = wx.requests.length;
    await kit.flush();
    const sizes = wx.requests.slice(from).map((r) => (r.data as { reports: unknown[] }).reports.length);
    expect(sizes).toEqual([40, 20, 20]);
    expect(ids.every((id) => relay.acceptCount.get(id) === 1)).toBe(true);
    kit.close();
  });

  it('on a 400 for a whole batch, isolates the culprit one by one and delivers the rest', async () => {
    const [kit] = createTestKit(relay);
    await kit.login();
    relay.mode = '5xx';
    const ids = Array.from({ length: 5 }, () => kit.reportPurchase({ productId: 'p', amount: 1, currency: 'USD' }).orderId);
    await kit.flush();
    relay.mode = 'ok';
    relay.badRequest.add(ids[2]);
    const errors: PurchaseError[] = [];
    kit.on('error', (e) => errors.push(e));
    await kit.flush();
    expect(kit.rejectedReports()).toEqual([{ orderId: ids[2], reason: 'reports.0.amount: malformed report', report: expect.anything() }]);
    expect(errors.filter((e) => e.code === 'RELAY_REJECTED')).toHaveLength(1);
    for (const id of [ids[0], ids[1], ids[3], ids[4]]) expect(relay.acceptCount.get(id)).toBe(1);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });

  it('sets aside a report the client itself finds invalid, without sending it', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    const errors: PurchaseError[] = [];
    kit.on('error', (e) => errors.push(e));
    // A game's own outTradeNo may use `|` or `*` (WeChat allows them) which the relay's order id pattern refuses.
    relay.mode = '5xx';
    const { orderId } = await kit.purchase(PACK);
    await kit.flush();
    const stored = wx.storage.json('mp:v1:o:' + orderId);
    wx.storage.set('mp:v1:o:' + orderId, JSON.stringify({ ...stored, r: { ...stored.r, currency: 'XXX' } }));
    kit.close();
    relay.mode = 'ok';
    const [again] = createTestKit(relay, { wx: new (wx.constructor as typeof import('../../fakes/platform/fake-wx').FakeWx)({ storage: wx.storage }) });
    const seen: PurchaseError[] = [];
    again.on('error', (e) => seen.push(e));
    await again.flush();
    expect(seen.find((e) => e.code === 'INVALID_REPORT')).toMatchObject({ field: 'currency' });
    expect(again.rejectedReports().map((r) => r.orderId)).toEqual([orderId]);
    expect(relay.accepted.has(orderId)).toBe(false);
    again.close();
  });
});
