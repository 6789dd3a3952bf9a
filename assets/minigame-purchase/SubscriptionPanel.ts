import { _decorator, Component, Node } from 'cc';
import type { StoreItemTexts, StoreViewModel, SubscriptionView } from './runtime/minigame-purchase';
import { StoreItem } from './StoreItem';

const { ccclass, property } = _decorator;

/**
 * The subscribe page: trial, weekly and yearly offers, each shown through a `StoreItem` (wire three item nodes).
 * An offer the catalog lacks hides its node. `PurchaseStore` calls `bind` whenever the catalog changes.
 */
@ccclass('SubscriptionPanel')
export class SubscriptionPanel extends Component {
  @property({ type: StoreItem, tooltip: 'The free-trial offer (subscribePage.trial)' })
  trialItem: StoreItem | null = null;

  @property({ type: StoreItem, tooltip: 'The weekly offer (subscribePage.weekly)' })
  weeklyItem: StoreItem | null = null;

  @property({ type: StoreItem, tooltip: 'The yearly offer (subscribePage.yearly)' })
  yearlyItem: StoreItem | null = null;

  @property({ type: StoreItem, tooltip: 'Optional: the discount page offer (discountPage.discount)' })
  discountItem: StoreItem | null = null;

  @property({ type: Node, tooltip: 'Hidden when the catalog has no subscribe offer at all' })
  panelRoot: Node | null = null;

  /** `textsOf`: the row texts in the store's unit and language (`PurchaseStore` passes them). */
  bind(pages: StoreViewModel['pages'], onBuy: (productId: string) => void, textsOf?: (view: SubscriptionView) => StoreItemTexts): void {
    const slots: Array<[StoreItem | null, SubscriptionView | null]> = [
      [this.trialItem, pages.trial],
      [this.weeklyItem, pages.weekly],
      [this.yearlyItem, pages.yearly],
      [this.discountItem, pages.discount],
    ];
    let any = false;
    for (const [item, view] of slots) {
      if (!item) continue;
      item.node.active = view !== null;
      if (view) {
        any = true;
        item.bind(view, () => onBuy(view.productId), textsOf?.(view));
      }
    }
    if (this.panelRoot) this.panelRoot.active = any;
  }
}
