/** Options of the platform payment sheet (`PurchaseKitOptions.payment`). */
export interface PaymentOptions {
    /** The Midas offer id (WeChat / QQ `offerId`). Required to pay on wx and qq. @default '' */
    offerId?: string;
    /** 0 production, 1 Midas sandbox. @default 0 */
    env?: 0 | 1;
    /** Game server zone (`zoneId`). @default '1' */
    zoneId?: string;
    /**
     * Minor units one unit of game currency costs (`buyQuantity` = price / coinPrice); WeChat's documented example is
     * ¥0.10. @default 10
     */
    coinPrice?: number;
}
