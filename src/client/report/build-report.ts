import type { Platform } from '../platform/platform';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { OrderContext } from '../../shared/schemas/order-api';
import { SDK_VERSION } from '../version';
import { attempt, dropUndefined } from '../best-effort';

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

const CONTEXT_KEYS: Array<keyof GameContext> = [
  'zone', 'gameUid', 'gameNickname', 'level', 'playerId', 'country', 'serverId', 'characterId',
];

/** A report with the device, network and scene facts of this moment (best effort: a broken platform call must never cost a report). Undefined fields are left out. */
export function buildReport(platform: Platform, basics: ReportBasics, ctx: GameContext = {}): PurchaseReport {
  const r: PurchaseReport = {
    ...basics,
    device: attempt(() => platform.deviceFacts()) || { type: 1 },
    netType: clip(attempt(() => platform.networkType()), 16),
    scene: clip(attempt(() => platform.scene()), 32),
    sdkVersion: SDK_VERSION,
  };
  for (const k of CONTEXT_KEYS) if (ctx[k] !== undefined) (r as unknown as Record<string, unknown>)[k] = ctx[k];
  return dropUndefined(r);
}

/** The report's non-money fields, as `POST /v1/orders` takes them: the order keeps them for the sinks. */
export function orderContext(r: PurchaseReport): OrderContext {
  const c: Record<string, unknown> = {};
  for (const k of [...CONTEXT_KEYS, 'goodsName', 'device', 'netType', 'scene', 'sdkVersion'] as const) if (r[k] !== undefined) c[k] = r[k];
  return c;
}

function clip(v: string | undefined, max: number): string | undefined {
  return typeof v === 'string' ? v.slice(0, max) : undefined;
}

