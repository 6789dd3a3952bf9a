import { hmacSha256Hex } from '../digests';

/**
 * The signatures of WeChat mini-game payment (Midas). Every one is lowercase hex HMAC-SHA256 over the exact
 * bytes sent: sign the string you send, never an object you serialise again afterwards.
 *
 * The session_key is used as its base64 **text** (UTF-8 bytes of the 24 characters), not the 16 bytes it decodes
 * to: the spec's `signature` test vector (session_key `9hAb/NEYUlkaMBEsmFgzig==`) matches only that form.
 */

/** `paySig` of `wx.requestMidasPaymentGameItem`: HMAC(AppKey[env], "requestMidasPaymentGameItem&" + signData). */
export function gameItemPaySig(appKey: string, signData: string): string {
  return hmacSha256Hex(appKey, `requestMidasPaymentGameItem&${signData}`);
}

/** `pay_sig` of a `/wxa/game/*` call: HMAC(AppKey[env], uri + "&" + body), `uri` the bare path (`/wxa/game/queryorderinfo`). */
export function apiPaySig(appKey: string, uri: string, body: string): string {
  return hmacSha256Hex(appKey, `${uri}&${body}`);
}

/** The user-session `signature`: HMAC(session_key as its base64 text, body). Also signs `signData` for the client. */
export function userSignature(sessionKey: string, body: string): string {
  return hmacSha256Hex(sessionKey, body);
}

export interface GameItemOrder {
  offerId: string;
  buyQuantity: number;
  /** 0 live, 1 sandbox. */
  env: 0 | 1;
  zoneId: string;
  productId: string;
  /** Unit price in fen; must equal the price set in the MP console. */
  goodsPrice: number;
  outTradeNo: string;
  /** Returned in the delivery push as `GoodsInfo.Attach`. */
  attach: string;
}

/**
 * The `signData` string of `wx.requestMidasPaymentGameItem`, keys in the documented order. It is passed to the
 * client as this exact string (an object fails with -15011) and both signatures are computed over it.
 */
export function buildGameItemSignData(order: GameItemOrder): string {
  return JSON.stringify({
    mode: 'goods',
    offerId: order.offerId,
    buyQuantity: order.buyQuantity,
    env: order.env,
    currencyType: 'CNY',
    platform: 'android',
    zoneId: order.zoneId,
    productId: order.productId,
    goodsPrice: order.goodsPrice,
    outTradeNo: order.outTradeNo,
    attach: order.attach,
  });
}
