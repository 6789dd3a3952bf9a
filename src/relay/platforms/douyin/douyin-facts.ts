/**
 * The Douyin facts the relay depends on, in one place, with how sure the spec
 * (`platform-payment-verification.md`, "Douyin mini-games") is of each. Change a fact here, not in the code.
 */
export const DOUYIN = {
  /** `POST {appid, secret, code}` → `{err_no, err_tips, data: {session_key, openid, ...}}` (spec: the path). */
  code2sessionPath: '/api/apps/v2/jscode2session',
  /** UNCONFIRMED (not in the spec): the app access token, `POST {appid, secret, grant_type}` → `{err_no, data: {access_token, expires_in}}`. */
  tokenPath: '/api/apps/v2/token',
  /** `GET ?access_token&orderno` → `status: success | unsuccess` (spec). */
  queryPayStatePath: '/api/apps/game/payment/queryPayState',
  /**
   * UNCONFIRMED: that queryPayState's `orderno` is the developer's order id (`customId`, = `cp_orderno`, our order id)
   * rather than Douyin's own `order_no_channel`. We only know ours before the callback.
   */
  queryOrderNoIsCustomId: true,
  /**
   * UNCONFIRMED: whether queryPayState tells a DIAMOND payment from a CNY one. When its answer names a `currency`,
   * anything but CNY is not money; when it names none, `success` is taken as paid in CNY at the order's amount.
   */
  queryCurrencyField: 'currency',
  /** The only currency that is revenue; `DIAMOND` (and anything else) is stored and exported, never sent as money. */
  cashCurrency: 'CNY',
  /** The callback is acknowledged by HTTP 200; this body is what Douyin's other callbacks expect. */
  acknowledgement: { err_no: 0, err_tips: 'success' },
  /**
   * UNCONFIRMED: whether the callback's `msg` carries the player's `openid` (the spec lists none). When it does it
   * must be the order's player; when it does not, the order's player is taken (the signed `cp_orderno` is ours).
   */
  msgOpenidField: 'openid',
  /** `requestGamePayment`'s `env`: only 0 is valid on Douyin (no sandbox env). */
  env: 0,
  /** `goodType` of an item purchase (base library 3.47.0); UNCONFIRMED: `orderAmount` is in fen. */
  itemGoodType: 2,
} as const;
