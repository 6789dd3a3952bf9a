import { _decorator, Button, Component, Label, Node } from 'cc';
import { storeItemTexts, type PackView, type StoreItemTexts, type SubscriptionView } from './runtime/minigame-purchase';

const { ccclass, property } = _decorator;

/**
 * One row of the store (the item prefab's root). Only binds nodes: every string comes from `storeItemTexts`,
 * which jest tests. Wire the labels in the inspector; any left empty is skipped.
 */
@ccclass('StoreItem')
export class StoreItem extends Component {
  @property({ type: Label, tooltip: '"500 diamonds" or "500 + 50 diamonds"' })
  titleLabel: Label | null = null;

  @property({ type: Label, tooltip: 'The price to pay: ¥9.99' })
  priceLabel: Label | null = null;

  @property({ type: Label, tooltip: 'The struck-through original price; hidden when there is no discount' })
  originalPriceLabel: Label | null = null;

  @property({ type: Node, tooltip: 'Shown only when the item has a badge or a discount' })
  badgeNode: Node | null = null;

  @property({ type: Label, tooltip: 'First charge, Hot, -37%, ...' })
  badgeLabel: Label | null = null;

  @property({ type: Label, tooltip: 'Trial, intro offer, per-week price, or why it cannot be bought' })
  detailLabel: Label | null = null;

  @property({ type: Button, tooltip: 'Tapping it buys the item' })
  buyButton: Button | null = null;

  @property({ type: Label, tooltip: 'The button text: Buy, Try free, ...' })
  buyLabel: Label | null = null;

  @property({ tooltip: 'What the game calls its currency, when no PurchaseStore passes the texts (empty: diamonds)' })
  unit = '';

  private onBuy: (() => void) | null = null;

  /** Shows `view`; `onBuy` runs when the player taps buy. `texts`: what `PurchaseStore` computed (its unit, language). */
  bind(view: PackView | SubscriptionView, onBuy: () => void, texts?: StoreItemTexts): void {
    const t = texts ?? storeItemTexts(view, this.unit);
    setText(this.titleLabel, t.title);
    setText(this.priceLabel, t.price);
    setText(this.originalPriceLabel, t.originalPrice);
    if (this.originalPriceLabel) this.originalPriceLabel.node.active = t.originalPrice !== '';
    setText(this.badgeLabel, t.badge);
    if (this.badgeNode) this.badgeNode.active = t.badge !== '';
    setText(this.detailLabel, t.detail);
    setText(this.buyLabel, t.buyText);
    if (this.buyButton) this.buyButton.interactable = t.buyEnabled;
    this.onBuy = onBuy;
  }

  onLoad(): void {
    this.buyButton?.node.on(Button.EventType.CLICK, this.handleClick, this);
  }

  onDestroy(): void {
    this.buyButton?.node.off(Button.EventType.CLICK, this.handleClick, this);
    this.onBuy = null;
  }

  private handleClick(): void {
    this.onBuy?.();
  }
}

function setText(label: Label | null, text: string): void {
  if (label) label.string = text;
}
