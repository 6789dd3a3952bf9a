import type { GameConfig } from '../../config/config-schema';
import type { Proof } from '../../storage/payment-store';
import type { NotifyAnswer, PlatformDeps } from '../platform-server';
import { readDouyinCallback } from './douyin-callback';
import { DOUYIN } from './douyin-facts';

const OK: NotifyAnswer = { status: 200, json: DOUYIN.acknowledgement };
const refuse = (status: number, why: string): NotifyAnswer => ({ status, json: { err_no: status, err_tips: why } });

/**
 * `POST /v1/notify/douyin/:appId`: one payment callback. The signature must hold under this game's callback Token
 * and `msg.appid` must be this game, or nothing is stored. A CNY payment is a proof (`proveOrder`: idempotent on
 * `cp_orderno`, so a repeated callback delivers once); any other currency (DIAMOND) is stored as a `non-cash`
 * event, exported by `/admin/payment-events`, and closes the order `unverified`: never sent as money.
 */
export async function handleDouyinCallback(d: PlatformDeps, game: GameConfig, raw: string, onResult?: (result: string) => void): Promise<NotifyAnswer> {
  const answer = await judge(d, game, raw);
  onResult?.(answer.status === 200 ? 'handled' : 'refused');
  return answer;
}

async function judge(d: PlatformDeps, game: GameConfig, raw: string): Promise<NotifyAnswer> {
  const token = game.douyin?.pay?.callbackToken;
  if (token === undefined) return refuse(404, 'this game takes no payment callbacks');
  const cb = readDouyinCallback(raw, token);
  if (cb.kind === 'bad-signature') {
    d.log.warn({ appId: game.appId }, 'douyin callback refused: signature does not hold');
    return refuse(401, 'signature mismatch');
  }
  if (cb.kind === 'malformed') {
    d.log.warn({ appId: game.appId, reason: cb.reason }, 'douyin callback refused: malformed');
    return refuse(400, `malformed: ${cb.reason}`);
  }
  if (cb.appId !== game.appId) {
    d.log.warn({ appId: game.appId }, 'douyin callback refused: msg.appid is another game');
    return refuse(400, 'msg.appid is not this game');
  }
  const order = await d.payments.getOrder(game.appId, cb.orderId);
  if (cb.currency !== DOUYIN.cashCurrency) {
    const fresh = await d.payments.recordEvent({
      appId: game.appId, orderId: cb.orderId, kind: 'non-cash', eventKey: cb.orderId, env: 0, amount: cb.amountCoin ?? null,
      detail: { currency: cb.currency, amountCoin: cb.amountCoin ?? null, amountCent: cb.amountCent ?? null, channelOrderNo: cb.channelOrderNo ?? null, via: 'douyin_payment_callback' },
      receivedAt: d.now(),
    });
    if (fresh && order?.state === 'pending') await d.payments.markUnverified(game.appId, cb.orderId, d.now());
    return OK;
  }
  const proof: Proof = {
    source: 'push',
    via: 'douyin_payment_callback',
    env: 0,
    openid: cb.openid ?? order?.uid ?? '',
    productId: null,
    quantity: null,
    amount: cb.amountCent as number,
    currency: 'CNY',
    paidAt: cb.sentAt || d.now(),
    ...(cb.channelOrderNo ? { transactionId: cb.channelOrderNo } : {}),
  };
  await d.prove(game.appId, cb.orderId, proof);
  return OK;
}
