import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { z } from 'zod';
import type { SinkName } from './index';

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

/** What a sink's mapping reads of the game a purchase belongs to (the relay's `GameConfig` is one). */
export interface SinkGame {
  readonly appId: string;
}

/** A game as `configOf` reads it: its appId, and its `sinks` block, where this sink's config is under its name. */
export type SinkGameOf<N extends string, C> = SinkGame & { readonly sinks: { readonly [K in N]?: C } };

/**
 * One destination: its mapping, and everything the relay derives from the sink list (`index.ts` `SINKS`): the
 * config schema of `games[].sinks.<name>`, its secrets, its checks, its docs, the demo's block of it.
 * The mapping functions are pure: no I/O, no clock, no randomness.
 * `toRequest` may take several purchases of one game (Hive batches rows); sinks that cannot batch set
 * `maxBatch` to 1.
 */
export interface Sink<C, N extends string = SinkName> {
  /** The key of `games[].sinks`, the `sink` of delivery rows, the name of the capture file. */
  readonly name: N;
  /** How people write it: `Hive` (CLI usage, messages). */
  readonly label: string;
  /** `games[].sinks.<name>`: the config schema owns its defaults. */
  readonly configSchema: z.ZodType<C>;
  /** The keys of the block that hold secrets: `"env:NAME"` in the file, redacted from every log line. */
  readonly secretFields: readonly string[];
  /** Request headers that carry credentials whatever their value: redacted from capture files. */
  readonly secretHeaders: readonly string[];
  /** What each key of the block means, for `docs/configuration.md`; `''` is the block itself. */
  readonly descriptions: Readonly<Record<string, string>>;
  /** Rules the schema cannot state (e.g. an upstream's limits), checked at load and at `createRelay`; `at` is the block's path. */
  configProblems?(config: C, at: string): string[];
  /** Rules checked only when a config file is loaded (a config built in code may choose otherwise). */
  loadProblems?(config: C, at: string): string[];
  /** The block of the embedded demo config (`npm start`): capturing to `capture`; `random` for keys. */
  demoConfig(capture: string, random: () => string): unknown;
  readonly maxBatch: (config: C) => number;
  /** The sink's config of a game, or undefined when the game does not enable it. */
  configOf(game: SinkGameOf<N, C>): C | undefined;
  toRequest(purchases: readonly StoredPurchase[], config: C, game: SinkGame): SinkRequest;
  classify(response: SinkResponse): Classification;
  /**
   * Why this purchase can never be delivered to this sink (e.g. Tianmu takes CNY fen only), or undefined.
   * The worker marks such a delivery dead with this reason without sending it. Pure. `toRequest` throws a
   * `SinkRefusal` with the same reason if it is handed such a purchase anyway, so a wrong request is never built.
   */
  refuse?(purchase: StoredPurchase, config: C, game: SinkGame): string | undefined;
}

/** Thrown by `toRequest` for a purchase its sink's `refuse` turns down: a permanent failure, not a retry. */
export class SinkRefusal extends Error {
  override readonly name = 'SinkRefusal';
}
