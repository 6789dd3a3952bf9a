import { _decorator, Button, Component, instantiate, Label, Layout, Node, Prefab, ScrollView, UITransform } from 'cc';
import { PREVIEW } from 'cc/env';
import {
  createPurchaseKit,
  createStoreController,
  defaultRowLines,
  storeLabelsFor,
  storeRow,
  storeRows,
  storeStatusText,
  type GameContext,
  type PurchaseKit,
  type StoreController,
  type StoreLabels,
  type StoreRow,
  type StoreState,
} from './runtime/minigame-purchase';
import { StoreItem } from './StoreItem';
import { SubscriptionPanel } from './SubscriptionPanel';

const { ccclass, property } = _decorator;

/**
 * The store: lists one row per pack and subscription, refreshes when the catalog changes, buys on tap and shows
 * paid / cancelled / failed, in Simplified Chinese or English from the platform's language. With an item prefab
 * it fills the ScrollView's content with it; with none it builds plain rows in code, so this one component on a
 * Canvas is a working store. Its behaviour is `createStoreController` and `storeRows` (tested in jest); this
 * component only binds nodes. In the editor's browser preview the kit picks the `web` platform, whose payment is a
 * sandbox that says so.
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

  @property({ type: ScrollView, tooltip: "Optional: its content node receives the rows (none: a list under this node)" })
  scrollView: ScrollView | null = null;

  @property({ type: Prefab, tooltip: 'Optional: a prefab whose root has a StoreItem component (none: plain rows built in code)' })
  itemPrefab: Prefab | null = null;

  @property({ type: SubscriptionPanel, tooltip: 'Optional: the trial / weekly / yearly page' })
  subscriptionPanel: SubscriptionPanel | null = null;

  @property({ type: Label, tooltip: 'Loading, sandbox notice, out-of-date prices, and each purchase result' })
  statusLabel: Label | null = null;

  @property({ tooltip: 'Also list subscriptions (subscribeList)' })
  listSubscriptions = true;

  @property({ tooltip: 'What the game calls its currency (empty: 钻石 / diamonds)' })
  unit = '';

  @property({ tooltip: 'zh_CN, en, ... (empty: the platform language)' })
  language = '';

  @property({ tooltip: 'Buy button text (empty: 购买 / Buy)' })
  buyText = '';

  @property({ tooltip: 'Free-trial button text (empty: 免费试用 / Try free)' })
  tryFreeText = '';

  @property({ tooltip: 'Status while loading (empty: 加载中… / Loading…)' })
  loadingText = '';

  @property({ tooltip: 'Game zone reported with each purchase (e.g. 华东大区1服)' })
  zone = '';

  @property({ tooltip: 'Country (ISO 3166-1 alpha-2) reported with each purchase: Kakao needs one' })
  country = '';

  @property({ tooltip: 'Server id reported with each purchase (Hive / Kakao)' })
  serverId = '';

  private kit: PurchaseKit | null = null;
  private controller: StoreController | null = null;
  private labels: StoreLabels | null = null;
  private list: Node | null = null;

  /** Use the game's own kit (one per game) instead of creating one from the properties. Call before `start`. */
  useKit(kit: PurchaseKit): void {
    this.kit = kit;
  }

  /** Player facts reported with every purchase (zone, country, level, ...); call whenever they change. */
  setGameContext(context: GameContext): void {
    this.kit?.setGameContext(context);
    this.pendingContext = { ...this.pendingContext, ...context };
  }

  private pendingContext: GameContext = {};

  start(): void {
    if (!this.kit) {
      this.kit = createPurchaseKit({
        relayUrl: this.relayUrl,
        appId: this.appId,
        payment: { offerId: this.offerId, env: this.midasSandbox ? 1 : 0 },
      });
    }
    const kit = this.kit;
    const fromInspector: GameContext = {};
    if (this.zone) fromInspector.zone = this.zone;
    if (this.country) fromInspector.country = this.country;
    if (this.serverId) fromInspector.serverId = this.serverId;
    kit.setGameContext({ ...fromInspector, ...this.pendingContext });
    const labels = storeLabelsFor(this.language || kit.platform.deviceFacts().language, {
      buy: this.buyText,
      tryFree: this.tryFreeText,
      loading: this.loadingText,
    });
    this.labels = labels;
    this.controller = createStoreController(kit, {
      labels,
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
    const labels = this.labels ?? storeLabelsFor(this.language);
    if (this.statusLabel) this.statusLabel.string = storeStatusText(state, this.kit?.platform.name === 'web' || PREVIEW, labels);
    const view = state.view;
    if (!view || !viewChanged) return;
    const buy = (productId: string) => void this.controller?.tap(productId);
    const rowOptions = { unit: this.unit, labels, listSubscriptions: this.listSubscriptions };
    this.subscriptionPanel?.bind(view.pages, buy, (v) => storeRow(v, rowOptions).texts);
    const content = this.scrollView?.content ?? this.defaultList();
    // Destroyed, not only removed: a removed node keeps its components and listeners alive.
    content.destroyAllChildren();
    content.removeAllChildren();
    for (const row of storeRows(view, rowOptions)) {
      const node = this.itemPrefab ? instantiate(this.itemPrefab) : this.defaultRow(row, content);
      node.getComponent(StoreItem)?.bind(row.view, () => buy(row.productId), row.texts);
      if (!this.itemPrefab) node.getChildByName('Buy')?.on(Button.EventType.CLICK, () => buy(row.productId));
      content.addChild(node);
    }
  }

  /** With no ScrollView: a vertical list under this node, as wide as it. */
  private defaultList(): Node {
    if (this.list?.isValid) return this.list;
    const list = new Node('StoreList');
    list.layer = this.node.layer;
    const size = this.node.getComponent(UITransform)?.contentSize;
    list.addComponent(UITransform).setContentSize(size?.width ?? 640, size?.height ?? 960);
    const layout = list.addComponent(Layout);
    layout.type = Layout.Type.VERTICAL;
    layout.resizeMode = Layout.ResizeMode.CONTAINER;
    layout.spacingY = 12;
    this.node.addChild(list);
    this.list = list;
    return list;
  }

  /** One plain row (title, price and detail, a Buy label that is a button), for a store without a prefab. */
  private defaultRow(row: StoreRow, parent: Node): Node {
    const lines = defaultRowLines(row.texts);
    const width = parent.getComponent(UITransform)?.contentSize.width ?? 640;
    const node = new Node(row.productId);
    node.layer = parent.layer;
    node.addComponent(UITransform).setContentSize(width, 88);
    const text = (name: string, value: string, x: number, y: number, size: number, w: number) => {
      const child = new Node(name);
      child.layer = parent.layer;
      child.addComponent(UITransform).setContentSize(w, size + 8);
      const label = child.addComponent(Label);
      label.string = value;
      label.fontSize = size;
      label.lineHeight = size + 6;
      label.overflow = Label.Overflow.SHRINK;
      label.horizontalAlign = Label.HorizontalAlign.LEFT;
      child.setPosition(x, y);
      node.addChild(child);
      return child;
    };
    text('Title', lines.title, -width * 0.14, 18, 30, width * 0.7);
    text('Detail', lines.detail, -width * 0.14, -22, 24, width * 0.7);
    const button = text('Buy', lines.button, width * 0.36, 0, 32, width * 0.26);
    button.addComponent(Button).interactable = row.texts.buyEnabled;
    return node;
  }
}
