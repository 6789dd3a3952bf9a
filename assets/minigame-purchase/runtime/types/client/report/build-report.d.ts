import type { Platform } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { OrderContext } from '../../shared/schemas/order-api';
/** What the game knows about the player, copied into each report (all optional). */
export interface GameContext {
    /** Zone / server name shown to the player (`zone`). */
    zone?: string;
    /** The game's own user id (`gameUid`). */
    gameUid?: string;
    gameNickname?: string;
    level?: number;
    /** Hive `player_id`. */
    playerId?: string;
    /** ISO 3166 alpha-2. */
    country?: string;
    /** Hive `server_id` code. */
    serverId?: string;
    characterId?: string;
}
export interface ReportBasics {
    orderId: string;
    appId: string;
    uid: string;
    productId: string;
    goodsName?: string;
    amount: number;
    currency: string;
    payType: 2 | 3;
    paidAt: number;
}
/** A report with the device, network and scene facts of this moment (best effort: a broken platform call must never cost a report). Undefined fields are left out. */
export declare function buildReport(platform: Platform, basics: ReportBasics, ctx?: GameContext): PurchaseReport;
/** The report's non-money fields, as `POST /v1/orders` takes them: the order keeps them for the sinks. */
export declare function orderContext(r: PurchaseReport): OrderContext;
