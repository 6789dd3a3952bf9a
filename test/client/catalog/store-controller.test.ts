import { createStoreController, type StoreKit, type StoreState } from '../../../src/client/catalog/store-controller';
import type { Catalog } from '../../../src/shared/schemas/catalog';
import { catalogOf, pack, sampleCatalog } from './catalogs';

type Outcome = Awaited<ReturnType<StoreKit['purchase']>>;

/** A kit that answers from scripts, and lets a test hold a payment sheet open. */
function fakeKit(catalogs: Array<Catalog | Error>) {
  const purchases: Array<{ productId: string; price: number; name?: string }> = [];
  const outcomes: Outcome[] = [];
  let release: (() => void) | undefined;
  let cannotPay: string | undefined;
  const kit: StoreKit = {
    async getCatalog() {
      const next = catalogs.length > 1 ? catalogs.shift()! : catalogs[0];
      if (next instanceof Error) throw next;
      return next;
    },
    async purchase(product) {
      purchases.push({ productId: product.productId, price: product.price, name: product.name });
      await new Promise<void>((r) => (release = r));
      return outcomes.shift() ?? { status: 'paid', orderId: `o${purchases.length}` };
    },
    cannotPayReason: () => cannotPay,
  };
  return {
    kit,
    purchases,
    outcomes,
    closeSheet: () => release?.(),
    cannotPayOn: (r: string) => (cannotPay = r),
  };
}

function manualTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    get pending() {
      return [...timers.values()];
    },
    setTimer: (fn: () => void, ms: number) => (timers.set(++next, { fn, ms }), next),
    clearTimer: (h: unknown) => void timers.delete(h as number),
    runAll: () => {
      const due = [...timers.values()];
      timers.clear();
      due.forEach((t) => t.fn());
    },
  };
}

function setup(catalogs: Array<Catalog | Error>) {
  const f = fakeKit(catalogs);
  const t = manualTimers();
  const states: Array<{ state: StoreState; viewChanged: boolean }> = [];
  const ctl = createStoreController(f.kit, {
    onState: (state, viewChanged) => states.push({ state, viewChanged }),
    setTimer: t.setTimer,
    clearTimer: t.clearTimer,
  });
  return { ...f, t, states, ctl };
}

describe('store controller', () => {
  it('loads the catalog into a ready view', async () => {
    const s = setup([sampleCatalog()]);
    expect(s.ctl.state().status).toBe('loading');
    await s.ctl.load();
    expect(s.ctl.state()).toMatchObject({ status: 'ready', error: null });
    expect(s.ctl.state().view?.packs.map((p) => p.priceText)).toEqual(['¥9.99', '¥16.99', '¥39.99', '¥59.99']);
  });

  it('says why when there is no catalog, and keeps the last one shown when a reload fails', async () => {
    const s = setup([new Error('offline and no cached catalog')]);
    await s.ctl.load();
    expect(s.ctl.state()).toMatchObject({ status: 'unavailable', error: 'offline and no cached catalog', view: null });
    const t = setup([sampleCatalog(), new Error('boom')]);
    await t.ctl.load();
    await t.ctl.load();
    expect(t.ctl.state()).toMatchObject({ status: 'ready' });
    expect(t.ctl.state().view?.packs).toHaveLength(4);
  });

  it('buys on tap with a goods name, shows paid, and refuses a second tap while the sheet is open', async () => {
    const s = setup([sampleCatalog()]);
    await s.ctl.load();
    const first = s.ctl.tap('500.picsh.cre');
    expect(s.ctl.state().purchasing).toBe('500.picsh.cre');
    expect(s.ctl.state().view?.packs.every((p) => !p.canPurchase.ok && p.canPurchase.reason === 'purchase-in-progress')).toBe(true);
    expect(await s.ctl.tap('1000.picsh.cre')).toBeUndefined();
    s.closeSheet();
    expect(await first).toEqual({ productId: '500.picsh.cre', status: 'paid', orderId: 'o1', message: 'Paid ¥9.99' });
    expect(s.purchases).toEqual([{ productId: '500.picsh.cre', price: 999, name: '500 diamonds' }]);
    expect(s.ctl.state()).toMatchObject({ purchasing: null, lastResult: { status: 'paid' } });
    expect(s.ctl.state().view?.packs.every((p) => p.canPurchase.ok)).toBe(true);
  });

  it('shows cancelled and failed outcomes, and a throwing kit as failed', async () => {
    const s = setup([sampleCatalog()]);
    await s.ctl.load();
    s.outcomes.push({ status: 'cancelled', orderId: 'c' }, { status: 'failed', orderId: 'f', error: { code: 'PAYMENT_FAILED', message: 'errCode -15001' } });
    let p = s.ctl.tap('500.picsh.cre');
    s.closeSheet();
    expect((await p)?.message).toBe('Cancelled');
    p = s.ctl.tap('500.picsh.cre');
    s.closeSheet();
    expect((await p)?.message).toBe('Payment failed: errCode -15001');
    s.kit.purchase = () => Promise.reject(new Error('kit closed'));
    expect(await s.ctl.tap('500.picsh.cre')).toMatchObject({ status: 'failed', message: 'Payment failed: kit closed' });
  });

  it('marks a first-charge pack bought in this session as used at once, even with a cached catalog', async () => {
    const limited = catalogOf({ packs: [pack({ productId: 'first', firstChargeOnly: true, purchaseCount: 0, badge: 'first-charge' }), pack({ productId: 'plain' })] });
    const s = setup([limited]);
    await s.ctl.load();
    for (const id of ['first', 'plain']) {
      const p = s.ctl.tap(id);
      s.closeSheet();
      await p;
    }
    await s.ctl.load();
    const byId = Object.fromEntries(s.ctl.state().view!.packs.map((p) => [p.productId, p.canPurchase]));
    expect(byId).toEqual({ first: { ok: false, reason: 'limit-reached' }, plain: { ok: true } });
    expect(await s.ctl.tap('first')).toBeUndefined();
    expect(s.purchases).toHaveLength(2);
  });

  it('does not buy what the device cannot pay for', async () => {
    const s = setup([sampleCatalog()]);
    s.cannotPayOn('iOS cannot use virtual payment');
    await s.ctl.load();
    expect(await s.ctl.tap('500.picsh.cre')).toBeUndefined();
    expect(s.purchases).toEqual([]);
  });

  it('asks again after a stale catalog, and reports a view change only when what is shown changed', async () => {
    const fresh = sampleCatalog();
    const s = setup([{ ...fresh, stale: true }, { ...fresh, fetchedAt: 99 }]);
    await s.ctl.load();
    expect(s.ctl.state().view?.stale).toBe(true);
    expect(s.t.pending.map((t) => t.ms)).toEqual([3000]);
    s.t.runAll();
    await new Promise((r) => setImmediate(r));
    expect(s.ctl.state().view?.stale).toBe(false);
    expect(s.t.pending).toEqual([]);
    await s.ctl.load();
    expect(s.states.map((x) => x.viewChanged)).toEqual([true, true, false]);
  });

  it('stops emitting after dispose', async () => {
    const s = setup([{ ...sampleCatalog(), stale: true }]);
    await s.ctl.load();
    s.ctl.dispose();
    const before = s.states.length;
    await s.ctl.load();
    expect(s.states.length).toBe(before);
  });
});
