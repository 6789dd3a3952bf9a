import type { WechatPayConfig } from '../../config/config-schema';
import type { OrderPayment } from '../../../shared/schemas/order-api';
import { buildGameItemSignData, gameItemPaySig, userSignature } from './midas-sign';
import { isMidasPriceTier } from './price-tiers';

export interface WechatOrderInput {
  orderId: string;
  productId: string;
  /** Fen, from the catalog. */
  unitPrice: number;
  quantity: number;
  /** The player's session_key in clear (item mode signs with it). */
  sessionKey: string;
}

export type WechatPaymentResult = { ok: true; payment: OrderPayment } | { ok: false; message: string };

/** The AppKey that signs for `env`: the live key for 0, the sandbox key for 1. */
export function appKeyFor(pay: WechatPayConfig, env: 0 | 1): string | undefined {
  return env === 1 ? pay.sandboxAppKey : pay.appKey;
}

/**
 * What the client passes to WeChat for one order: item mode signs `signData` with the AppKey of the env (`paySig`)
 * and the player's session_key (`signature`); coins mode sells whole coins on WeChat's price tiers and is refused
 * (never rounded) otherwise.
 */
export function wechatPayment(pay: WechatPayConfig, o: WechatOrderInput): WechatPaymentResult {
  const amount = o.unitPrice * o.quantity;
  if (pay.mode === 'coins') {
    if (amount % pay.coinPrice !== 0) {
      return { ok: false, message: `productId: ${amount} fen is not a whole number of coins at coinPrice ${pay.coinPrice} fen` };
    }
    if (!isMidasPriceTier(amount)) return { ok: false, message: `productId: ${amount} fen is not a WeChat Midas price tier` };
    return {
      ok: true,
      payment: {
        api: 'requestMidasPayment',
        mode: 'game',
        env: pay.env,
        offerId: pay.offerId,
        currencyType: 'CNY',
        platform: 'android',
        buyQuantity: amount / pay.coinPrice,
        zoneId: pay.zoneId,
        outTradeNo: o.orderId,
      },
    };
  }
  const key = appKeyFor(pay, pay.env);
  if (key === undefined) return { ok: false, message: 'the game signs sandbox orders but has no wechat.pay.sandboxAppKey' };
  const signData = buildGameItemSignData({
    offerId: pay.offerId,
    buyQuantity: o.quantity,
    env: pay.env,
    zoneId: pay.zoneId,
    productId: o.productId,
    goodsPrice: o.unitPrice,
    outTradeNo: o.orderId,
    attach: '',
  });
  return {
    ok: true,
    payment: { api: 'requestMidasPaymentGameItem', signData, paySig: gameItemPaySig(key, signData), signature: userSignature(o.sessionKey, signData) },
  };
}
