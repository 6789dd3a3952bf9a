import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';

/**
 * The app dies after the relay made the order and before the sheet opened: nothing was charged, so nothing may be
 * reported, and what was written must not be lost either (the game can still ask about it).
 */
let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.orders = 'item';
  relay.ordersScript = [];
});

/** Storage that kills the app right after the write `when` picks. */
class KillingStorage extends FakeStorageBackend {
  wx?: FakeWx;
  constructor(private readonly when: (key: string, value: unknown) => boolean) {
    super();
  }
  override set(key: string, value: unknown): void {
    super.set(key, value);
    if (this.wx && !this.wx.dead && this.when(key, value)) this.wx.kill();
  }
}

const orderKeys = (data: Map<string, unknown>) => Array.from(data.keys()).filter((k) => k.startsWith('mp:v1:o:'));

async function restart(storage: FakeStorageBackend) {
  const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
  await kit.flush();
  return kit;
}

describe('a kill between the order and the sheet', () => {
  it('while the order request is out: nothing stored, nothing reported, nothing unconfirmed', async () => {
    relay.ordersScript = ['hang'];
    const storage = new FakeStorageBackend();
    const [first, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    const before = relay.orderRequests.length;
    void first.purchase(PACK);
    await until(() => relay.orderRequests.length > before);
    wx.kill();
    const kit = await restart(storage);
    expect(orderKeys(storage.data)).toEqual([]);
    expect(kit.unconfirmedOrders()).toEqual([]);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });

  it("after the pending write: the relay's order is listed unconfirmed, at its price, and never reported on its own", async () => {
    // The order's key is its last write-ahead write (the index lists it first).
    const storage = new KillingStorage((key) => key.startsWith('mp:v1:o:'));
    const first = new FakeWx({ storage });
    storage.wx = first;
    const [kit0] = createTestKit(relay, { wx: first });
    void kit0.purchase(PACK);
    await until(() => first.dead);
    const order = relay.orderRequests[relay.orderRequests.length - 1].order!;
    const kit = await restart(storage);
    expect(kit.unconfirmedOrders()).toEqual([expect.objectContaining({ orderId: order.orderId, amount: order.amount, currency: 'CNY' })]);
    expect(kit.queuedCount()).toBe(0);
    expect(relay.accepted.has(order.orderId)).toBe(false);
    kit.settleUnconfirmed(order.orderId, true); // the game's server asked WeChat: it was paid after all
    await until(() => relay.accepted.has(order.orderId));
    expect(relay.accepted.get(order.orderId)).toMatchObject({ amount: order.amount });
    kit.close();
  });

  it('between the index and the order key: the next start sees no order, and none was charged', async () => {
    const storage = new KillingStorage((key) => key === 'mp:v1:orders');
    const first = new FakeWx({ storage });
    storage.wx = first;
    const [kit0] = createTestKit(relay, { wx: first });
    void kit0.purchase(PACK);
    await until(() => first.dead);
    const kit = await restart(storage);
    expect(orderKeys(storage.data)).toEqual([]);
    expect(kit.unconfirmedOrders()).toEqual([]);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });
});
