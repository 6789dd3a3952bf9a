import type { GameConfig } from '../../config/config-schema';
import type { OrderRecord, Proof } from '../../storage/payment-store';
import type { QueryVerdict } from '../../verification/query-loop';
import type { SessionKeys } from '../../verification/session-keys';
import type { AccessTokens } from '../access-token';
import { appKeyFor } from './wechat-payment';
import { queryOrderInfo } from './query-order';

export interface WechatQueryDeps {
  sessionKeys: SessionKeys;
  accessTokens: AccessTokens;
  now(): number;
  /** The catalog price (fen) of a product, for orders the relay did not create. */
  catalogPrice(appId: string, uid: string, productId: string): Promise<number | undefined>;
  timeoutMs?: number;
}

/**
 * Asks WeChat (`/wxa/game/queryorderinfo`) whether an order was paid. WeChat gives no amount: it is the order's
 * (unit price × quantity) or, for an order the relay did not create, the catalog price of WeChat's `product_id`.
 */
export async function queryWechatOrder(d: WechatQueryDeps, game: GameConfig, order: OrderRecord): Promise<QueryVerdict> {
  const pay = game.wechat?.pay;
  if (!pay) return { kind: 'wait', note: 'the game has no wechat.pay' };
  const appKey = appKeyFor(pay, order.env);
  if (appKey === undefined) return { kind: 'wait', note: 'no AppKey for this env' };
  const key = await d.sessionKeys.load(order.appId, order.uid);
  if (!key.ok) return { kind: 'wait', note: `session key ${key.reason}: waiting for the push` };
  const token = await d.accessTokens.get(game);
  if (!token.ok) return { kind: 'wait', note: `no access token: ${token.detail}` };
  const answer = await queryOrderInfo({
    apiBase: game.wechat!.apiBase,
    accessToken: token.token,
    appKey,
    sessionKey: key.key,
    openid: order.uid,
    offerId: pay.offerId,
    zoneId: pay.zoneId,
    env: order.env,
    outTradeNo: order.orderId,
    bizId: pay.mode === 'coins' ? 1 : 2,
    ts: Math.floor(d.now() / 1000),
    timeoutMs: d.timeoutMs ?? 5000,
  });
  switch (answer.kind) {
    case 'paid': {
      const amount = order.amount ?? (await d.catalogPrice(order.appId, order.uid, answer.productId));
      if (amount === undefined) return { kind: 'wait', note: `paid, but ${answer.productId} has no catalog price: not delivered on a guess` };
      const proof: Proof = {
        source: 'query',
        via: 'queryorderinfo',
        env: order.env,
        openid: order.uid,
        productId: answer.productId || null,
        quantity: null,
        amount,
        currency: order.currency ?? 'CNY',
        paidAt: answer.payFinishTime,
        ...(answer.transactionId ? { transactionId: answer.transactionId } : {}),
        ...(answer.mchOrderNo ? { mchOrderNo: answer.mchOrderNo } : {}),
      };
      return { kind: 'paid', proof };
    }
    case 'session-key-expired':
      await d.sessionKeys.markStale(order.appId, order.uid, d.now());
      return { kind: 'wait', note: 'session key expired (90016): waiting for the push or the next login' };
    case 'token-invalid':
      await d.accessTokens.invalidate(order.appId);
      return { kind: 'wait', note: 'access token refused: fetched anew next time' };
    case 'unpaid':
      return { kind: 'wait', note: 'not paid yet' };
    case 'not-found':
      return { kind: 'wait', note: 'WeChat knows no such order yet' };
    case 'error':
      return { kind: 'wait', note: answer.detail };
  }
}
