import type { DouyinPayConfig } from '../../config/config-schema';
import type { PaymentMade, PaymentOrder } from '../platform-server';
import { DOUYIN } from './douyin-facts';

/**
 * What the client passes to `tt.requestGamePayment` for one order. `customId` is the relay's order id: Douyin
 * returns it as `cp_orderno` in the callback. Coins mode sells whole coins at the console's ratio and refuses
 * (never rounds) a price that is not one; item mode states the price as `orderAmount`. Nothing is signed.
 */
export function douyinPayment(pay: DouyinPayConfig, o: PaymentOrder): PaymentMade {
  const amount = o.unitPrice * o.quantity;
  const base = { api: 'requestGamePayment', mode: 'game', env: DOUYIN.env, currencyType: 'CNY', platform: 'android', zoneId: pay.zoneId, customId: o.orderId } as const;
  if (pay.mode === 'item') {
    return { ok: true, env: 0, payment: { ...base, buyQuantity: o.quantity, goodType: DOUYIN.itemGoodType, orderAmount: amount } };
  }
  if (amount % pay.coinPrice !== 0) {
    return { ok: false, kind: 'not-payable', message: `productId: ${amount} fen is not a whole number of coins at coinPrice ${pay.coinPrice} fen` };
  }
  return { ok: true, env: 0, payment: { ...base, buyQuantity: amount / pay.coinPrice } };
}
