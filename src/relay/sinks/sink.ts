import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { GameConfig, SinkName } from '../config/config-schema';

/** A purchase as stored by the relay: the client's report plus what only the relay decides. */
export interface StoredPurchase {
  report: PurchaseReport;
  /** First accepted paid order of this uid and app. */
  isFirstPay: boolean;
  /** From the socket, or `X-Forwarded-For` of a trusted proxy. */
  clientIp: string;
  /** ms since epoch, relay clock. */
  receivedAt: number;
}

/** The HTTP request a sink wants sent; the worker sends it (or captures it). */
export interface SinkRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  /** Already serialized: what is captured is byte-for-byte what would be sent. */
  body: string;
}

export interface SinkResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Classification =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; reason: string }
  | { outcome: 'dead'; reason: string };

/**
 * One destination. Both functions are pure: no I/O, no clock, no randomness.
 * `toRequest` may take several purchases of one game (Hive batches rows); sinks that cannot batch set
 * `maxBatch` to 1.
 */
export interface Sink<C> {
  readonly name: SinkName;
  readonly maxBatch: (config: C) => number;
  /** The sink's config of a game, or undefined when the game does not enable it. */
  configOf(game: GameConfig): C | undefined;
  toRequest(purchases: readonly StoredPurchase[], config: C, game: GameConfig): SinkRequest;
  classify(response: SinkResponse): Classification;
  /**
   * Why this purchase can never be delivered to this sink (e.g. Tianmu takes CNY fen only), or undefined.
   * The worker marks such a delivery dead with this reason without sending it. Pure. `toRequest` throws a
   * `SinkRefusal` with the same reason if it is handed such a purchase anyway, so a wrong request is never built.
   */
  refuse?(purchase: StoredPurchase, config: C, game: GameConfig): string | undefined;
}

/** Thrown by `toRequest` for a purchase its sink's `refuse` turns down: a permanent failure, not a retry. */
export class SinkRefusal extends Error {
  override readonly name = 'SinkRefusal';
}
