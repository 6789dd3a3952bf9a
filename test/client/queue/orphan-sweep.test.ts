import { createTestKit, startRelay, until, PACK } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';

/**
 * Order keys the index does not list (`mp:v1:o:<id>` without an entry in `mp:v1:orders`) are never loaded: left
 * alone they would sit in the player's 10 MB forever. None may be left by a kill, an earlier version's pending ones
 * are swept at start, and one that holds a paid report is adopted, never dropped.
 */
let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.mode = 'ok';
});

const INDEX = 'mp:v1:orders';
const orderKeys = (s: FakeStorageBackend) => Array.from(s.data.keys()).filter((k) => k.startsWith('mp:v1:o:'));
const indexed = (s: FakeStorageBackend): string[] => (s.data.has(INDEX) ? s.json(INDEX) : []);
const orphans = (s: FakeStorageBackend) => orderKeys(s).filter((k) => !indexed(s).includes(k.slice('mp:v1:o:'.length)));

/** Storage that kills the app right after the first write `when` picks. */
class KillingStorage extends FakeStorageBackend {
  wx?: FakeWx;
  constructor(private readonly when: (key: string) => boolean) {
    super();
  }
  override set(key: string, value: unknown): void {
    super.set(key, value);
    if (this.wx && !this.wx.dead && this.when(key)) this.wx.kill();
  }
}

/** Leaves `storage` as an earlier version could: the order keys of `ids` present, the index not listing them. */
function unindex(storage: FakeStorageBackend, ...ids: string[]) {
  storage.set(INDEX, JSON.stringify(indexed(storage).filter((id) => !ids.includes(id))));
}

describe('orphaned order keys', () => {
  it('a kill between the two writes of a new order leaves no key the next start cannot see', async () => {
    const storage = new KillingStorage((key) => key === INDEX || key.startsWith('mp:v1:o:'));
    const first = new FakeWx({ storage });
    storage.wx = first;
    const [kit0] = createTestKit(relay, { wx: first });
    void kit0.purchase(PACK);
    await until(() => first.dead);
    // Killed inside the write-ahead, before the sheet: nothing was charged.
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    expect(orphans(storage)).toEqual([]);
    expect(kit.unconfirmedOrders()).toEqual([]);
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });

  it("an earlier version's orphans: the pending one is deleted, the paid one adopted and reported", async () => {
    const storage = new FakeStorageBackend();
    relay.mode = '5xx';
    const [kit0, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    const paid = await kit0.purchase(PACK);
    wx.payments = ['hang'];
    void kit0.purchase(PACK);
    await until(() => wx.paymentCalls.length === 2);
    const pendingId = String(wx.paymentCalls[1].options.outTradeNo);
    wx.kill();
    unindex(storage, paid.orderId, pendingId);
    expect(orphans(storage).sort()).toEqual(['mp:v1:o:' + paid.orderId, 'mp:v1:o:' + pendingId].sort());

    relay.mode = 'ok';
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    expect(storage.data.has('mp:v1:o:' + pendingId)).toBe(false);
    expect(kit.unconfirmedOrders()).toEqual([]);
    expect(indexed(storage)).toEqual([paid.orderId]);
    await until(() => relay.accepted.has(paid.orderId));
    // The relay records the report before its answer reaches the client, which then removes the key.
    await until(() => orderKeys(storage).length === 0);
    expect(orderKeys(storage)).toEqual([]);
    kit.close();
  });

  it('with storage full, a paid orphan is still reported (kept in memory when the index cannot grow)', async () => {
    const storage = new FakeStorageBackend();
    relay.mode = '5xx';
    const [kit0, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    const paid = await kit0.purchase(PACK);
    wx.kill();
    unindex(storage, paid.orderId);
    storage.quotaBytes = storage.size(); // the game filled the rest of the 10 MB

    relay.mode = 'ok';
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    expect(kit.queuedCount()).toBe(1);
    await until(() => relay.accepted.has(paid.orderId));
    // The relay records the report before its answer reaches the client, which then removes the key.
    await until(() => orderKeys(storage).length === 0);
    expect(orderKeys(storage)).toEqual([]);
    kit.close();
  });

  it('an autoHook payment that could not be written ahead is listed in the index when its success is written', async () => {
    const storage = new FakeStorageBackend();
    relay.mode = '5xx';
    const [kit0, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }), kit: { autoHook: true } });
    await kit0.login();
    wx.payments = ['hang'];
    const quota = storage.quotaBytes;
    storage.quotaBytes = storage.size(); // full when the game's own payment starts: no write-ahead
    void wx.api.requestMidasPayment({ mode: 'game', env: 1, offerId: '1450000000', currencyType: 'CNY', buyQuantity: 60, outTradeNo: 'GAMEorder-0900' });
    storage.quotaBytes = quota; // room again when the player has paid
    wx.releaseHangingPayment();
    await until(() => storage.data.has('mp:v1:o:GAMEorder-0900'));
    expect(orphans(storage)).toEqual([]);
    wx.kill();

    relay.mode = 'ok';
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    expect(kit.queuedCount()).toBe(1);
    await until(() => relay.accepted.has('GAMEorder-0900'));
    kit.close();
  });

  it('with an unreadable index nothing is deleted: a pending order key is listed unconfirmed', async () => {
    const storage = new FakeStorageBackend();
    const [kit0, { wx }] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    wx.payments = ['hang'];
    void kit0.purchase(PACK);
    await until(() => wx.paymentCalls.length === 1);
    const pendingId = String(wx.paymentCalls[0].options.outTradeNo);
    wx.kill();
    storage.set(INDEX, '{not json');
    const [kit] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    expect(storage.data.has('mp:v1:o:' + pendingId)).toBe(true);
    expect(kit.unconfirmedOrders().map((r) => r.orderId)).toEqual([pendingId]);
    kit.close();
  });

  it('a host whose getStorageInfoSync throws still starts (no sweep)', async () => {
    const wx = new FakeWx();
    wx.api.getStorageInfoSync = () => {
      throw new Error('getStorageInfoSync:fail');
    };
    const [kit] = createTestKit(relay, { wx });
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });
});
