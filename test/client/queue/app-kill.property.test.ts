import fc from 'fast-check';
import { createTestKit, PACK } from '../test-kit';
import { FakeRelay } from '../../fakes/relay/fake-relay';
import type { RelayMode } from '../../fakes/relay/fake-relay';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';
import { FakeClock } from '../../fakes/platform/fake-clock';
import type { PurchaseKit } from '../../../src/client/create-purchase-kit';

/**
 * The property: random interleavings of purchases, cancels, relay failures, network loss and app kills (a
 * new kit over the same storage) end with every paid order accepted by the relay exactly once, none lost, none
 * invented.
 */
type Action =
  | { t: 'buy'; outcome: 'paid' | 'cancel' | 'fail' }
  | { t: 'buyThenKill' }
  | { t: 'third' }
  | { t: 'relay'; mode: RelayMode }
  | { t: 'net'; up: boolean }
  | { t: 'flush' }
  | { t: 'tick' }
  | { t: 'kill'; afterMs: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('buy' as const), outcome: fc.constantFrom('paid' as const, 'paid' as const, 'cancel' as const, 'fail' as const) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'buyThenKill' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'third' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('relay' as const), mode: fc.constantFrom<RelayMode>('ok', '5xx', '429', 'drop', 'drop-after-commit', 'garbage') }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('net' as const), up: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ t: 'flush' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'tick' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('kill' as const), afterMs: fc.integer({ min: 0, max: 4 }) }) },
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Device {
  readonly storage = new FakeStorageBackend();
  wx!: FakeWx;
  clock!: FakeClock;
  kit!: PurchaseKit;
  private netUp = true;

  constructor(private readonly relay: FakeRelay) {
    this.boot(new FakeClock());
  }

  /** A fresh app process over the same storage, its clock carrying on from the last one. */
  boot(clock: FakeClock): void {
    this.wx = new FakeWx({ storage: this.storage, networkType: this.netUp ? 'wifi' : 'none' });
    this.clock = clock;
    [this.kit] = createTestKit(this.relay, { wx: this.wx, clock });
  }

  kill(): void {
    this.wx.kill(); // no close(): a killed app runs no more code, and its timers die with its clock
    this.boot(new FakeClock(this.clock.now() + 1000));
  }

  setNet(up: boolean): void {
    this.netUp = up;
    this.wx.setNetwork(up ? 'wifi' : 'none');
  }
}

async function run(actions: Action[]): Promise<void> {
  const relay = await new FakeRelay().start();
  const device = new Device(relay);
  const paid = new Set<string>();
  try {
    for (const a of actions) {
      const { kit, wx } = device;
      switch (a.t) {
        case 'buy': {
          wx.payments = [a.outcome === 'paid' ? 'paid' : a.outcome === 'cancel' ? { errCode: -2 } : { errCode: -15004 }];
          const r = await kit.purchase(PACK);
          if (r.status === 'paid') paid.add(r.orderId);
          break;
        }
        case 'buyThenKill': {
          // The app dies with the sheet open: the payment never completes for this app, so it is not a paid order.
          wx.payments = ['hang'];
          void kit.purchase(PACK);
          await sleep(1);
          device.kill();
          break;
        }
        case 'third':
          paid.add(kit.reportPurchase({ productId: 'web.pack', amount: 500, currency: 'USD' }).orderId);
          break;
        case 'relay':
          relay.mode = a.mode;
          break;
        case 'net':
          device.setNet(a.up);
          await sleep(1);
          break;
        case 'flush':
          await kit.flush();
          break;
        case 'tick':
          device.clock.fireNext();
          await sleep(2);
          break;
        case 'kill':
          void kit.flush(); // often killed with a batch on the wire
          await sleep(a.afterMs);
          device.kill();
          break;
      }
    }
    // Recovery: the relay and the network come back; the app (restarted once more) drains its queue.
    relay.mode = 'ok';
    device.setNet(true);
    device.kill();
    for (let i = 0; i < 20 && device.kit.queuedCount() > 0; i++) await device.kit.flush();

    expect(device.kit.queuedCount()).toBe(0);
    expect(device.kit.rejectedReports()).toEqual([]);
    const accepted = new Set(relay.accepted.keys());
    for (const id of paid) expect(accepted.has(id)).toBe(true); // none lost
    for (const id of accepted) expect(paid.has(id)).toBe(true); // none invented
    for (const [, n] of relay.acceptCount) expect(n).toBe(1); // accepted exactly once
    device.kit.close();
  } finally {
    device.wx.kill();
    await relay.stop();
  }
}

describe('report queue under purchases, relay failures, network loss and app kills', () => {
  it('ends with every paid order accepted exactly once, none lost or invented', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), run), { numRuns: 40 });
  });

  it('holds for a kill in the middle of each step of a flush', async () => {
    // Deterministic sweep: kill after 0..6 ms of a flush with a dropped-after-commit relay, then recover.
    for (let ms = 0; ms <= 6; ms++) {
      await run([
        { t: 'buy', outcome: 'paid' },
        { t: 'relay', mode: 'drop-after-commit' },
        { t: 'buy', outcome: 'paid' },
        { t: 'kill', afterMs: ms },
        { t: 'relay', mode: 'ok' },
        { t: 'buy', outcome: 'paid' },
      ]);
    }
  });
});
