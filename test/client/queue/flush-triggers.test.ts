import { createTestKit, startRelay, until, PACK } from '../test-kit';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import type { PurchaseKit } from '../../../src/client/create-purchase-kit';
import type { TestFakes } from '../test-kit';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => (relay.mode = 'ok'));

/** A kit with one paid order stuck in the queue (the relay was down), and the relay back up. */
async function stuck(storage = new FakeStorageBackend()): Promise<[PurchaseKit, TestFakes, string]> {
  const [kit, fakes] = createTestKit(relay, { wx: new FakeWx({ storage }) });
  await kit.login();
  relay.mode = '5xx';
  const { orderId } = await kit.purchase(PACK);
  await kit.flush();
  expect(kit.queuedCount()).toBe(1);
  relay.mode = 'ok';
  return [kit, fakes, orderId];
}

describe('flush triggers', () => {
  it('flushes on start: a new kit over the same storage sends what the last run left', async () => {
    const storage = new FakeStorageBackend();
    const [old, , orderId] = await stuck(storage);
    old.close();
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    await until(() => relay.accepted.has(orderId));
    await until(() => kit.queuedCount() === 0);
    kit.close();
  });

  it('flushes on onShow', async () => {
    const [kit, { wx }, orderId] = await stuck();
    expect(relay.accepted.has(orderId)).toBe(false);
    wx.show(1001);
    await until(() => relay.accepted.has(orderId));
    kit.close();
  });

  it('flushes when the network returns', async () => {
    const [kit, { wx }, orderId] = await stuck();
    wx.setNetwork('none');
    wx.setNetwork('wifi');
    await until(() => relay.accepted.has(orderId));
    kit.close();
  });

  it('flushes on the retry timer', async () => {
    const [kit, { clock }, orderId] = await stuck();
    expect(clock.pending()).toBe(1);
    clock.fireNext();
    await until(() => relay.accepted.has(orderId));
    kit.close();
  });

  it('flushes on kit.flush()', async () => {
    const [kit, , orderId] = await stuck();
    await kit.flush();
    expect(relay.accepted.has(orderId)).toBe(true);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });

  it('sends a purchase as soon as it is paid', async () => {
    const [kit] = createTestKit(relay);
    const { orderId } = await kit.purchase(PACK);
    await until(() => relay.accepted.has(orderId));
    kit.close();
  });
});
