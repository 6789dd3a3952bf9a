import { createTestKit, startRelay, until } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('report queue batching', () => {
  it('sends a backlog in batches of at most 50', async () => {
    const [kit, { wx }] = createTestKit(relay);
    await kit.login();
    relay.mode = '5xx';
    const ids = [];
    for (let i = 0; i < 120; i++) ids.push(kit.reportPurchase({ productId: 'p', amount: 100 + i, currency: 'USD' }).orderId);
    await kit.flush();
    relay.mode = 'ok';
    const from = wx.requests.length;
    await kit.flush();
    await until(() => kit.queuedCount() === 0);
    const sizes = wx.requests
      .slice(from)
      .filter((r) => r.url.endsWith('/v1/purchases'))
      .map((r) => (r.data as { reports: unknown[] }).reports.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(ids.every((id) => relay.accepted.has(id))).toBe(true);
    kit.close();
  });

  it('honours a smaller batchSize', async () => {
    const [kit, { wx }] = createTestKit(relay, { kit: { batchSize: 7 } });
    await kit.login();
    relay.mode = '5xx';
    for (let i = 0; i < 10; i++) kit.reportPurchase({ productId: 'p', amount: 1, currency: 'USD' });
    await kit.flush();
    relay.mode = 'ok';
    const from = wx.requests.length;
    await kit.flush();
    const sizes = wx.requests.slice(from).map((r) => (r.data as { reports: unknown[] }).reports.length);
    expect(sizes).toEqual([7, 3]);
    kit.close();
  });
});
