import { createTestKit, startRelay, until } from '../test-kit';
import type { FakeRelay } from '../../fakes/relay/fake-relay';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());

describe('kit.reportPurchase (third-party payments)', () => {
  it('reports pay type 3 with the game context', async () => {
    const [kit] = createTestKit(relay, { kit: { gameContext: { zone: 'S1' } } });
    const { orderId } = kit.reportPurchase({ productId: 'web.pack.1', amount: 1990, currency: 'KRW', paidAt: 1763800000123, gameUid: 'u1' });
    await until(() => relay.accepted.has(orderId));
    expect(relay.accepted.get(orderId)).toMatchObject({ payType: 3, amount: 1990, currency: 'KRW', paidAt: 1763800000123, zone: 'S1', gameUid: 'u1', productId: 'web.pack.1' });
    kit.close();
  });

  it('is idempotent on the order id', async () => {
    const [kit] = createTestKit(relay);
    kit.reportPurchase({ orderId: 'third-party-42', productId: 'p', amount: 100, currency: 'USD' });
    kit.reportPurchase({ orderId: 'third-party-42', productId: 'p', amount: 100, currency: 'USD' });
    await until(() => relay.accepted.has('third-party-42'));
    await kit.flush();
    expect(relay.acceptCount.get('third-party-42')).toBe(1);
    expect(relay.duplicates).not.toContain('third-party-42');
    kit.close();
  });

  it.each([
    [{ amount: 9.99 }, 'amount'],
    [{ currency: 'usd' }, 'currency'],
    [{ orderId: 'has space' }, 'orderId'],
    [{ productId: '' }, 'productId'],
  ])('refuses %p naming the field %s', (patch, field) => {
    const [kit] = createTestKit(relay);
    expect(() => kit.reportPurchase({ productId: 'p', amount: 100, currency: 'USD', ...patch })).toThrow(
      expect.objectContaining({ name: 'InvalidReportError', code: 'INVALID_REPORT', field }),
    );
    expect(kit.queuedCount()).toBe(0);
    kit.close();
  });
});
