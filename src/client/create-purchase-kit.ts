import type { HookablePlatform, Platform } from './platform/platform';
import type { PurchaseKitOptions, PurchasableProduct, ThirdPartyPurchase } from './kit-options';
import type { GameContext } from './report/build-report';
import type { PurchaseResult } from './payment/purchase-flow';
import type { PurchaseReport } from '../shared/schemas/purchase-report';
import { createPlatform } from './platform/detect-platform';
import { ORDER_STATE, createOrderStore } from './queue/order-store';
import { createReportQueue } from './queue/report-queue';
import { createSession } from './session/session';
import { createEmitter } from './emitter';
import { createPurchaseFlow } from './payment/purchase-flow';
import { createOrderClient } from './payment/relay-order';
import { createPaymentHooks } from './payment/hooked-payments';
import { buildReport } from './report/build-report';
import { reportProblem } from './report/report-guard';
import { createOrderId } from './order-id';
import { InvalidReportError, PurchaseError, StorageFullError } from './errors';
import type { CatalogClient } from './catalog/catalog-client';

export interface KitEvents {
  /** The relay has the report (`accepted`, or `duplicate`: it had it already). */
  reported: { orderId: string; status: 'accepted' | 'duplicate' };
  /** Something needs attention: a rejected report, storage full, the relay unreachable. */
  error: PurchaseError;
}

export interface RejectedReport {
  orderId: string;
  reason: string;
  report: PurchaseReport;
}

export interface PurchaseKit {
  readonly platform: Platform;
  /** `platform.login()` → `POST /v1/session`; the token is kept in storage. */
  login(): Promise<{ openid: string }>;
  /** The catalog (cached, stale-while-revalidate) through the relay, by the `catalog` option's client. */
  getCatalog(): ReturnType<CatalogClient['get']>;
  /**
   * Why this device cannot pay, as far as is known now (e.g. WeChat on an iOS device it does not support); `purchase()`
   * asks the platform again before any order.
   */
  cannotPayReason(): string | undefined;
  /**
   * `POST /v1/orders` (the relay's order id, amount and signed payment), the pending order in storage, the platform's
   * sheet with exactly the relay's values, then the report. A relay that makes no orders for this game (409
   * `ORDERS_NOT_ENABLED`) means the kit's own order id and `payment` options, until the next login.
   */
  purchase(product: PurchasableProduct, context?: GameContext): Promise<PurchaseResult>;
  /** Queues a payment made outside the platform (pay type 3). Throws InvalidReportError / StorageFullError. */
  reportPurchase(p: ThirdPartyPurchase): { orderId: string };
  setGameContext(ctx: GameContext): void;
  on<K extends keyof KitEvents>(event: K, fn: (e: KitEvents[K]) => void): () => void;
  /** Sends every queued report now; never rejects (failures go to `on('error')` and a backoff timer). */
  flush(): Promise<void>;
  /** Reports the relay rejected, kept aside with the reason. */
  rejectedReports(): RejectedReport[];
  /** Reports waiting to be sent. */
  queuedCount(): number;
  /**
   * Orders whose payment sheet was open when an earlier run of the app died: the platform may or may not have
   * charged. The game's server can check with the platform and then call `settleUnconfirmed`.
   */
  unconfirmedOrders(): PurchaseReport[];
  /** `paid: true` queues the order's report (paid at the time the order was made); `false` forgets it. */
  settleUnconfirmed(orderId: string, paid: boolean): void;
  /** Stops timers and listeners and restores hooked payment calls; stored reports wait for the next start. */
  close(): void;
}

/** What `getCatalog()` says when no catalog client was plugged in. */
export const NO_CATALOG = "getCatalog() needs createPurchaseKit({ catalog: createCatalogClient }), from 'minigame-purchase/catalog'";

export function createPurchaseKit(options: PurchaseKitOptions): PurchaseKit {
  const platform =
    typeof options.platform === 'object' ? options.platform : createPlatform(options.platform, options.payment);
  const relayUrl = options.relayUrl.replace(/\/+$/, '');
  const events = createEmitter<KitEvents>();
  const store = createOrderStore(platform.storage);
  // A new login may meet a relay that now makes orders for this game: ask it again then.
  const session = createSession(platform, relayUrl, options.appId, options.requestTimeoutMs ?? 10000, () => orders.forget());
  const orders = createOrderClient(session);
  const queue = createReportQueue(platform, store, session, {
    reported: (r) => events.emit('reported', r),
    error: (e) => events.emit('error', e),
  }, { batchSize: options.batchSize, backoff: options.backoff });
  let context: GameContext = { ...options.gameContext };
  let catalog: CatalogClient | undefined;
  const flushSoon = () => void queue.flush();
  const deps = {
    platform,
    store,
    appId: options.appId,
    uid: () => session.openid() || '',
    context: () => context,
    coinPrice: options.payment?.coinPrice ?? 10,
    orders,
    sessionStale: session.expire,
    queued: flushSoon,
    error: (e: PurchaseError) => events.emit('error', e),
  };
  const purchase = createPurchaseFlow(deps);
  // Pending at start means a sheet was open when the last run died; this run's own pending orders are not listed.
  const unconfirmed = new Set(store.list('p').map(([id]) => id));
  const undo: Array<() => void> = [platform.onShow(flushSoon), platform.onNetworkReturn(() => void queue.retryNow())];
  if (options.autoHook && typeof (platform as HookablePlatform).hookPayments === 'function') {
    undo.push((platform as HookablePlatform).hookPayments(createPaymentHooks(deps)));
  }
  // On the next tick, so listeners the game attaches right after creating the kit hear about the start flush.
  if (store.list('q').length) void Promise.resolve().then(flushSoon);

  return {
    platform,
    async login() {
      const s = await session.login();
      flushSoon();
      return { openid: s.openid };
    },
    getCatalog() {
      if (!options.catalog) return Promise.reject(new Error(NO_CATALOG));
      catalog ||= options.catalog({
        platform,
        appId: options.appId,
        relayGet: (path) => session.request({ url: path, method: 'GET' }),
      });
      return catalog.get();
    },
    cannotPayReason: () => platform.payment.cannotPayReason(),
    purchase,
    reportPurchase(p) {
      const orderId = p.orderId || createOrderId(platform.clock.now(), platform.clock.random);
      if (store.get(orderId)) return { orderId };
      // The game context fields of `p` are picked by buildReport; the purchase fields are set here.
      const report = buildReport(
        platform,
        {
          orderId,
          appId: options.appId,
          uid: session.openid() || '',
          productId: p.productId,
          goodsName: p.goodsName,
          amount: p.amount,
          currency: p.currency,
          payType: 3,
          paidAt: p.paidAt ?? platform.clock.now(),
        },
        { ...context, ...p },
      );
      const bad = reportProblem(report.uid ? report : { ...report, uid: '-' });
      if (bad) throw new InvalidReportError(`reportPurchase: invalid ${bad}`, bad);
      try {
        store.add(orderId, { s: ORDER_STATE.queued, r: report });
      } catch (e) {
        throw e instanceof PurchaseError ? e : new StorageFullError(String(e));
      }
      flushSoon();
      return { orderId };
    },
    setGameContext(ctx) {
      context = { ...context, ...ctx };
    },
    on: (event, fn) => events.on(event, fn),
    flush: () => queue.flush(),
    rejectedReports: () => store.list('r').map(([orderId, o]) => ({ orderId, reason: o.e || '', report: o.r })),
    queuedCount: () => store.list('q').length,
    unconfirmedOrders: () => store.list('p').filter(([id]) => unconfirmed.has(id)).map(([, o]) => o.r),
    settleUnconfirmed(orderId, paid) {
      const o = store.get(orderId);
      if (!o || o.s !== 'p' || !unconfirmed.has(orderId)) return;
      unconfirmed.delete(orderId);
      if (!paid) return store.remove([orderId]);
      store.put(orderId, { s: ORDER_STATE.queued, r: o.r });
      flushSoon();
    },
    close() {
      queue.close();
      undo.splice(0).forEach((u) => u());
    },
  };
}
