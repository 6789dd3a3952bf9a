import { createTestKit, startRelay, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

const orderKeys = (data: Map<string, unknown>) => Array.from(data.keys()).filter((k) => k.startsWith('mp:v1:o:'));

/** The fallback flow (no relay order): the client turns the catalog price into Midas game coins. */
describe('game coins are never rounded', () => {
  it('refuses a ¥9.99 price at ¥0.10 per coin before anything is written or any sheet opens', async () => {
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase({ ...PACK, price: 999 });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'OrderRefusedError', code: 'ORDER_REFUSED', reason: 'PRICE_NOT_PAYABLE' });
    expect(result.error!.message).toMatch(/999/);
    expect(wx.paymentCalls).toHaveLength(0);
    expect(orderKeys(wx.storage.data)).toEqual([]);
    kit.close();
  });

  it('charges an exact number of coins when the price is one', async () => {
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase({ ...PACK, price: 990 });
    expect(result.status).toBe('paid');
    expect(wx.paymentCalls[0].options).toMatchObject({ buyQuantity: 99 });
    kit.close();
  });

  it('refuses a price that buys no coin at all', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { payment: { coinPrice: 100 } } });
    const result = await kit.purchase({ ...PACK, price: 50 });
    expect(result.error).toMatchObject({ code: 'ORDER_REFUSED', reason: 'PRICE_NOT_PAYABLE' });
    expect(wx.paymentCalls).toHaveLength(0);
    kit.close();
  });

  it("uses the product's own buyQuantity as it is", async () => {
    const [kit, { wx }] = createTestKit(relay);
    const result = await kit.purchase({ ...PACK, price: 999, buyQuantity: 100 });
    expect(result.status).toBe('paid');
    expect(wx.paymentCalls[0].options).toMatchObject({ buyQuantity: 100 });
    kit.close();
  });
});
