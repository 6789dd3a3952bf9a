import { _decorator, Component, instantiate, Label, Prefab, ScrollView } from 'cc';
import { PREVIEW } from 'cc/env';
import {
  createPurchaseKit,
  createStoreController,
  storeStatusText,
  type PurchaseKit,
  type StoreController,
  type StoreState,
} from './runtime/minigame-purchase';
import { StoreItem } from './StoreItem';
import { SubscriptionPanel } from './SubscriptionPanel';

const { ccclass, property } = _decorator;

/**
 * The store: fills the ScrollView's content with one item prefab per pack and subscription, refreshes when the
 * catalog changes, buys on tap and shows paid / cancelled / failed. Its behaviour is `createStoreController`
 * (tested in jest); this component only binds nodes. In the editor's browser preview the kit picks the `web`
 * platform, whose payment is a sandbox that says so.
 */
@ccclass('PurchaseStore')
export class PurchaseStore extends Component {
  @property({ tooltip: 'The relay base URL, e.g. https://pay.example.com' })
  relayUrl = 'http://127.0.0.1:8787';

  @property({ tooltip: "The mini-game's appId, as configured on the relay" })
  appId = '';

  @property({ tooltip: 'The Midas offer id (WeChat / QQ)' })
  offerId = '';

  @property({ tooltip: 'Midas sandbox (env 1) instead of production' })
  midasSandbox = false;

  @property({ type: ScrollView, tooltip: 'Its content node receives one item per pack and subscription' })
  scrollView: ScrollView | null = null;

  @property({ type: Prefab, tooltip: 'A prefab whose root has a StoreItem component' })
  itemPrefab: Prefab | null = null;

  @property({ type: SubscriptionPanel, tooltip: 'Optional: the trial / weekly / yearly page' })
  subscriptionPanel: SubscriptionPanel | null = null;

  @property({ type: Label, tooltip: 'Loading, sandbox notice, out-of-date prices, and each purchase result' })
  statusLabel: Label | null = null;

  @property({ tooltip: 'Also list subscriptions (subscribeList) in the ScrollView' })
  listSubscriptions = true;

  @property({ tooltip: 'What the game calls its currency' })
  unit = 'diamonds';

  private kit: PurchaseKit | null = null;
  private controller: StoreController | null = null;

  /** Use the game's own kit (one per game) instead of creating one from the properties. Call before `start`. */
  useKit(kit: PurchaseKit): void {
    this.kit = kit;
  }

  start(): void {
    if (!this.kit) {
      this.kit = createPurchaseKit({
        relayUrl: this.relayUrl,
        appId: this.appId,
        payment: { offerId: this.offerId, env: this.midasSandbox ? 1 : 0 },
      });
    }
    const kit = this.kit;
    this.controller = createStoreController(kit, {
      unit: this.unit,
      onState: (state, viewChanged) => this.render(state, viewChanged),
      setTimer: (fn, ms) => {
        this.scheduleOnce(fn, ms / 1000);
        return fn;
      },
      clearTimer: (handle) => this.unschedule(handle as () => void),
    });
    const controller = this.controller;
    kit
      .login()
      .catch(() => undefined) // the catalog may still come from the cache; the status label says what failed
      .then(() => controller.load());
  }

  /** Showing the store again refreshes it (cached within the TTL, so this is cheap). */
  onEnable(): void {
    void this.controller?.load();
  }

  onDestroy(): void {
    this.controller?.dispose();
    this.controller = null;
  }

  private render(state: StoreState, viewChanged: boolean): void {
    if (this.statusLabel) this.statusLabel.string = storeStatusText(state, this.kit?.platform.name === 'web' || PREVIEW);
    const view = state.view;
    if (!view || !viewChanged) return;
    const buy = (productId: string) => void this.controller?.tap(productId);
    this.subscriptionPanel?.bind(view.pages, buy);
    const content = this.scrollView?.content;
    if (!content || !this.itemPrefab) return;
    // Destroyed, not only removed: a removed node keeps its components and listeners alive.
    content.destroyAllChildren();
    content.removeAllChildren();
    const rows = this.listSubscriptions ? [...view.packs, ...view.subscriptions] : view.packs;
    for (const row of rows) {
      const node = instantiate(this.itemPrefab);
      node.getComponent(StoreItem)?.bind(row, () => buy(row.productId));
      content.addChild(node);
    }
  }
}
