import type { GameConfig } from '../../config/config-schema';
import type { RelayLogger } from '../../log/logger';
import type { PaymentStore, Proof } from '../../storage/payment-store';
import type { ProveOutcome } from '../../verification/prove-order';
import { readPayEvent } from './pay-events';
import { decryptPush } from './push-aes';
import { hexEquals, sha1SortedHex } from '../digests';

/** What WeChat is answered: HTTP status and `{ErrCode, ErrMsg}` (0 = handled; anything else makes WeChat retry). */
export interface PushAnswer {
  status: number;
  body: { ErrCode: number; ErrMsg: string };
}

export interface PushDeps {
  payments: PaymentStore;
  prove(appId: string, orderId: string, proof: Proof): Promise<ProveOutcome>;
  now(): number;
  log: RelayLogger;
  /** Counts each push by what it was (`relay_wechat_pushes_total`). */
  onPush?(result: string): void;
}

const OK: PushAnswer = { status: 200, body: { ErrCode: 0, ErrMsg: 'Success' } };
const refuse = (why: string): PushAnswer => ({ status: 401, body: { ErrCode: 40001, ErrMsg: why } });

/** `GET /v1/notify/wechat/:appId`: the console's URL check. The `echostr` when the signature holds. */
export function answerUrlCheck(game: GameConfig, q: URLSearchParams): { ok: true; echostr: string } | { ok: false } {
  const token = game.wechat?.pay?.push?.token;
  const sig = q.get('signature') ?? '';
  if (token === undefined || !hexEquals(sha1SortedHex([token, q.get('timestamp') ?? '', q.get('nonce') ?? '']), sig)) return { ok: false };
  return { ok: true, echostr: q.get('echostr') ?? '' };
}

/**
 * `POST /v1/notify/wechat/:appId`: a payment push, plain or safe (AES) mode. The transport signature (and
 * `msg_signature` in safe mode) and `PayEventSig` (with the AppKey of the push's Env) must hold, or nothing is
 * stored and a non-zero ErrCode goes back. A proof is committed before the 0 answer; a repeated push is a no-op.
 */
export async function handleWechatPush(d: PushDeps, game: GameConfig, q: URLSearchParams, raw: string): Promise<PushAnswer> {
  const answer = await judge(d, game, q, raw);
  d.onPush?.(answer.status === 200 ? 'handled' : 'refused');
  return answer;
}

async function judge(d: PushDeps, game: GameConfig, q: URLSearchParams, raw: string): Promise<PushAnswer> {
  const pay = game.wechat?.pay;
  const push = pay?.push;
  if (pay === undefined || push === undefined) return { status: 404, body: { ErrCode: 40004, ErrMsg: 'this game takes no payment pushes' } };
  const timestamp = q.get('timestamp') ?? '';
  const nonce = q.get('nonce') ?? '';
  if (!hexEquals(sha1SortedHex([push.token, timestamp, nonce]), q.get('signature') ?? '')) return refuse('signature mismatch');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse('the body is not JSON');
  }
  if (q.get('encrypt_type') === 'aes') {
    const encrypt = typeof body === 'object' && body !== null ? (body as { Encrypt?: unknown }).Encrypt : undefined;
    if (typeof encrypt !== 'string' || push.encodingAesKey === undefined) return refuse('safe mode needs Encrypt and an EncodingAESKey');
    if (!hexEquals(sha1SortedHex([push.token, timestamp, nonce, encrypt]), q.get('msg_signature') ?? '')) return refuse('msg_signature mismatch');
    const plain = decryptPush(push.encodingAesKey, encrypt, game.appId);
    if (!plain.ok) return refuse(`cannot decrypt: ${plain.reason}`);
    try {
      body = JSON.parse(plain.message);
    } catch {
      return refuse('the decrypted message is not JSON');
    }
  }
  const event = readPayEvent(body, { live: pay.appKey, sandbox: pay.sandboxAppKey });
  switch (event.kind) {
    case 'bad-signature':
      d.log.warn({ appId: game.appId }, 'wechat push refused: PayEventSig does not hold');
      return refuse('PayEventSig mismatch');
    case 'malformed':
      d.log.warn({ appId: game.appId, reason: event.reason }, 'wechat push refused: malformed');
      return { status: 400, body: { ErrCode: 40002, ErrMsg: `malformed: ${event.reason}` } };
    case 'mock':
    case 'ignored':
      return OK;
    case 'refund': {
      const fresh = await d.payments.recordEvent({
        appId: game.appId, orderId: event.outTradeNo, kind: 'refund', eventKey: event.refundId, env: event.env,
        amount: event.refundAmount, detail: { refundId: event.refundId, source: 'minigame_pay_refund_succ_notify' }, receivedAt: d.now(),
      });
      if (fresh && event.env === 0) await d.payments.addRefund(game.appId, event.outTradeNo, event.refundAmount);
      return OK;
    }
    case 'goods':
    case 'coins': {
      const proof: Proof = {
        source: 'push',
        via: event.kind === 'goods' ? 'minigame_game_pay_goods_deliver_notify' : 'minigame_coin_deliver_completed',
        env: event.env,
        openid: event.openId,
        productId: event.kind === 'goods' ? event.productId : null,
        quantity: event.kind === 'goods' ? event.quantity : null,
        amount: event.actualPrice,
        currency: 'CNY',
        paidAt: event.createTime,
        ...(event.transactionId ? { transactionId: event.transactionId } : {}),
        ...(event.mchOrderNo ? { mchOrderNo: event.mchOrderNo } : {}),
      };
      await d.prove(game.appId, event.outTradeNo, proof);
      return OK;
    }
  }
}
