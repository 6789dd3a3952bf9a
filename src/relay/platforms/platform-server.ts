import type { GameConfig } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { Code2SessionResult } from '../session/wechat-code2session';
import type { OrderPayment } from '../../shared/schemas/order-api';
import type { OrderRecord, PaymentStore, Proof } from '../storage/payment-store';
import type { ProveOutcome } from '../verification/prove-order';
import type { QueryVerdict } from '../verification/query-loop';
import type { SessionKeys } from '../verification/session-keys';
import type { AccessTokens, TokenSource } from './access-token';

/**
 * One platform's server side (login, order signing, payment proof, query), behind one small interface. Each lives
 * in its own folder under `platforms/` and is listed once in `platforms/index.ts`; the routes, the query loop and
 * the config checks reach a game's platform only through it.
 */
export interface PlatformServer {
  /** As in `games[].platform` and in `/v1/notify/<name>/:appId`. */
  readonly name: string;
  /** For people: "WeChat", "Douyin", "QQ". */
  readonly label: string;
  /** The game's block for this platform (`games[].wechat`, `.douyin`, `.qq`): credentials and `apiBase`. */
  settings(game: GameConfig): { appSecret: string; apiBase: string } | undefined;
  /** The game's payment settings on this platform; with them the relay makes and signs orders (`POST /v1/orders`). */
  payConfigured(game: GameConfig): boolean;
  /**
   * Whether something this platform says can prove a payment of this game (a signed notification or a query). False
   * makes the game's `revenue` default `"reported"`, and `"verified"` a config error.
   */
  provesPayments(game: GameConfig): boolean;
  /** `/v1/session`: trades a login code for the openid and, when the platform gives one, the session_key. */
  login(game: GameConfig, code: string, timeoutMs: number): Promise<Code2SessionResult>;
  /** What the client passes to the platform's payment call for one order (`POST /v1/orders`). */
  createPayment(d: PlatformDeps, game: GameConfig, order: PaymentOrder): Promise<PaymentMade>;
  /** The fallback proof: asks the platform about one pending order (the query loop). */
  query(d: PlatformDeps, game: GameConfig, order: OrderRecord): Promise<QueryVerdict>;
  /** How the platform hands out app access tokens, when the server side needs them. */
  readonly tokens?: TokenSource;
  /** The platform's signed payment notifications, at `/v1/notify/<name>/:appId`. */
  readonly notify?: PlatformNotify;
}

/** What a platform server may use, built once by `createRelay`. */
export interface PlatformDeps {
  payments: PaymentStore;
  sessionKeys: SessionKeys;
  /** This platform's app access tokens (sealed, shared through `sync_state`). */
  accessTokens: AccessTokens;
  prove(appId: string, orderId: string, proof: Proof): Promise<ProveOutcome>;
  /** The catalog price (minor units) of a product, for orders the relay did not create. */
  catalogPrice(appId: string, uid: string, productId: string): Promise<number | undefined>;
  now(): number;
  log: RelayLogger;
  timeoutMs: number;
}

/** One order as the relay made it, at the catalog's price. */
export interface PaymentOrder {
  orderId: string;
  openid: string;
  productId: string;
  /** Minor units (fen), from the catalog. */
  unitPrice: number;
  quantity: number;
  /** The player's session_key in clear (WeChat item mode and QQ sign with it). */
  sessionKey: string;
}

export type PaymentMade =
  | { ok: true; payment: OrderPayment; /** 0 live, 1 sandbox (never revenue). */ env: 0 | 1 }
  | {
      ok: false;
      /**
       * `not-payable`: this price cannot be paid on the platform (400); `session-stale`: the platform refused the
       * player's session_key, log in again (401); `unavailable`: the platform could not be asked (502, retry).
       */
      kind: 'not-payable' | 'session-stale' | 'unavailable';
      message: string;
    };

/** An answer to the platform: JSON or plain text (a URL check's `echostr`). */
export type NotifyAnswer = { status: number; json: unknown } | { status: number; text: string };

export interface PlatformNotify {
  /** Whether the game takes notifications (its token is configured). */
  accepts(game: GameConfig): boolean;
  /** `GET`: the console's URL check; the `echostr` when the signature holds. */
  urlCheck(game: GameConfig, q: URLSearchParams): { ok: true; echostr: string } | { ok: false };
  /** `POST`: a payment notification; answered only once its result is committed. `onResult` counts it. */
  handle(d: PlatformDeps, game: GameConfig, q: URLSearchParams, raw: string, onResult?: (result: string) => void): Promise<NotifyAnswer>;
  /** The answer when the notification could not be stored (the platform sends it again). */
  readonly unavailable: NotifyAnswer;
}
