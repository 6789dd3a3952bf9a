import { createTestKit, startRelay, until, PACK } from '../test-kit';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import type { PurchaseError } from '../../../src/client/errors';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('storage full', () => {
  it('refuses a purchase before the sheet opens when the pending order cannot be written', async () => {
    const storage = new FakeStorageBackend(200);
    const [kit, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    const r = await kit.purchase(PACK);
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ name: 'StorageFullError', code: 'STORAGE_FULL' });
    expect(r.error!.message).toMatch(/exceed storage max size/);
    expect(wx.paymentCalls).toHaveLength(0);
    kit.close();
  });

  it('when storage fills during the payment: paid, the error said out loud, and the report still delivered', async () => {
    const storage = new FakeStorageBackend();
    const [kit, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    await kit.login();
    const errors: PurchaseError[] = [];
    kit.on('error', (e) => errors.push(e));
    wx.payments = ['hang'];
    const pending = kit.purchase(PACK);
    await until(() => wx.paymentCalls.length === 1);
    storage.quotaBytes = storage.size() - 1; // another part of the game filled the disk meanwhile
    wx.releaseHangingPayment();
    const r = await pending;
    expect(r.status).toBe('paid');
    expect(r.error).toMatchObject({ code: 'STORAGE_FULL' });
    expect(errors.map((e) => e.code)).toContain('STORAGE_FULL');
    await until(() => relay.accepted.has(r.orderId));
    kit.close();
  });

  it('reportPurchase throws STORAGE_FULL instead of dropping the report', async () => {
    const storage = new FakeStorageBackend(100);
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    expect(() => kit.reportPurchase({ productId: 'p', amount: 100, currency: 'USD' })).toThrow(
      expect.objectContaining({ code: 'STORAGE_FULL' }),
    );
    kit.close();
  });
});
