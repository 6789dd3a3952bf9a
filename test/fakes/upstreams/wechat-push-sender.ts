import { randomBytes, randomInt } from 'node:crypto';
import { encryptPush } from '../../../src/relay/platforms/wechat/push-aes';
import { payEventSig, WECHAT_PAY_EVENTS } from '../../../src/relay/platforms/wechat/pay-events';
import { sha1SortedHex } from '../../../src/relay/platforms/digests';

/**
 * Builds WeChat mini-game payment pushes exactly as WeChat signs them (message push, data format JSON), in plain
 * mode or, with an `encodingAesKey`, safe mode, and can tamper with them the ways a relay must refuse (or accept).
 *
 * Plain mode: `POST url?signature&timestamp&nonce` with the message as the body.
 * Safe mode: `POST url?signature&timestamp&nonce&encrypt_type=aes&msg_signature` with body
 * `{"ToUserName", "Encrypt"}`, `msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))`.
 */

export interface PushSenderOptions {
  /** The mini-game's appid: the trailing id of the safe-mode plaintext. */
  appId: string;
  /** The MP console's message push Token. */
  token: string;
  /** AppKey per Env: `live` signs Env 0, `sandbox` Env 1. */
  appKeys: { live: string; sandbox?: string };
  /** Set: safe mode. Unset: plain mode. */
  encodingAesKey?: string;
  /** `ToUserName` of the messages. @default "gh_fakeminigame" */
  toUserName?: string;
  /** Seconds, for `CreateTime` and `timestamp`. @default the current time */
  now?: () => number;
}

export interface PushTamper {
  /** Sign PayEventSig with the other Env's AppKey, or a wrong key. */
  sigKey?: 'other-env' | 'wrong';
  /** Send this PayEventSig instead of the computed one. */
  payEventSig?: string;
  /** Flip a character of the transport `signature`. */
  corruptSignature?: boolean;
  /** Flip a character of `msg_signature` (safe mode). */
  corruptMsgSignature?: boolean;
  /** `IsMock: true`, like the console's test tool. */
  isMock?: boolean;
  /** Every signature in upper-case hex (same digest). */
  upperCaseHex?: boolean;
  /** Sign the Payload string, then send a re-serialised one (same JSON value, other bytes): the classic bug. */
  reserializePayload?: boolean;
  /** Encrypt with this appid instead of the game's (safe mode). */
  cipherAppId?: string;
}

export interface SentPush {
  status: number;
  text: string;
  /** The answer parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

export interface BuiltPush {
  /** Query parameters: `signature, timestamp, nonce` and, in safe mode, `encrypt_type=aes, msg_signature`. */
  query: Record<string, string>;
  /** `?` + the query, to append to the push URL. */
  search: string;
  /** The HTTP body. */
  body: string;
  /** The push message as plain JSON text (what safe mode encrypts). */
  message: string;
  /** The Payload string as sent. */
  payload: string;
  send(url: string): Promise<SentPush>;
}

export interface GoodsPushFields {
  openId: string;
  outTradeNo: string;
  productId: string;
  /** Fen paid. */
  actualPrice: number;
  /** @default 1 */
  quantity?: number;
  /** @default 0 */
  env?: 0 | 1;
  /** @default "1" */
  zoneId?: string;
  /** @default actualPrice */
  origPrice?: number;
  /** @default "" */
  attach?: string;
  /** @default a random one */
  transactionId?: string;
  /** @default a random one */
  mchOrderNo?: string;
}

export interface CoinsPushFields {
  openId: string;
  outTradeNo: string;
  buyQuantity: number;
  /** Fen paid. */
  price: number;
  /** The price field name: the docs say ActualPrice, their examples TotalPrice. @default "ActualPrice" */
  priceField?: 'ActualPrice' | 'TotalPrice';
  /** @default 0 */
  env?: 0 | 1;
  /** @default "1" */
  zoneId?: string;
  transactionId?: string;
  mchOrderNo?: string;
}

export interface RefundPushFields {
  outTradeNo: string;
  refundId: string;
  /** Fen refunded. */
  refundAmount: number;
  openId?: string;
  /** @default 0 */
  env?: 0 | 1;
  /** @default 1 */
  refundSource?: number;
}

function flipHexChar(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}

async function sendOver(url: string, init: RequestInit): Promise<SentPush> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body };
}

export class WechatPushSender {
  constructor(private readonly options: PushSenderOptions) {}

  goods(f: GoodsPushFields, tamper: PushTamper = {}): BuiltPush {
    return this.event(
      WECHAT_PAY_EVENTS.events.goods,
      {
        OpenId: f.openId,
        Env: f.env ?? 0,
        OutTradeNo: f.outTradeNo,
        GoodsInfo: {
          ProductId: f.productId,
          Quantity: f.quantity ?? 1,
          ZoneId: f.zoneId ?? '1',
          OrigPrice: f.origPrice ?? f.actualPrice,
          ActualPrice: f.actualPrice,
          Attach: f.attach ?? '',
          OrderSource: 1,
        },
        WeChatPayInfo: { MchOrderNo: f.mchOrderNo ?? randomDigits(28), TransactionId: f.transactionId ?? randomDigits(28) },
      },
      tamper,
    );
  }

  coins(f: CoinsPushFields, tamper: PushTamper = {}): BuiltPush {
    return this.event(
      WECHAT_PAY_EVENTS.events.coins,
      {
        OpenId: f.openId,
        OutTradeNo: f.outTradeNo,
        Env: f.env ?? 0,
        WeChatPayInfo: { MchOrderNo: f.mchOrderNo ?? randomDigits(28), TransactionId: f.transactionId ?? randomDigits(28) },
        CoinInfo: { ZoneId: f.zoneId ?? '1', [f.priceField ?? 'ActualPrice']: f.price, BuyQuantity: f.buyQuantity, OrigPrice: f.price },
      },
      tamper,
    );
  }

  refund(f: RefundPushFields, tamper: PushTamper = {}): BuiltPush {
    return this.event(
      WECHAT_PAY_EVENTS.events.refund,
      {
        ...(f.openId === undefined ? {} : { OpenId: f.openId }),
        RefundId: f.refundId,
        RefundAmount: f.refundAmount,
        RefundSource: f.refundSource ?? 1,
        Env: f.env ?? 0,
        OutTradeNo: f.outTradeNo,
      },
      tamper,
    );
  }

  /** Any event with any Payload value (its `Env` picks the signing key; absent means 0). */
  event(event: string, payloadValue: Record<string, unknown>, tamper: PushTamper = {}): BuiltPush {
    const o = this.options;
    const signedPayload = JSON.stringify(payloadValue);
    const payload = tamper.reserializePayload ? JSON.stringify(payloadValue, null, 1) : signedPayload;
    const env = payloadValue.Env === 1 ? 1 : 0;
    const sigKey = this.signingKey(env, tamper.sigKey);
    const hex = (h: string) => (tamper.upperCaseHex ? h.toUpperCase() : h);
    const sig = tamper.payEventSig ?? hex(payEventSig(sigKey, event, signedPayload));
    const createTime = Math.floor(o.now ? o.now() : Date.now() / 1000);
    const message = JSON.stringify({
      ToUserName: o.toUserName ?? 'gh_fakeminigame',
      FromUserName: typeof payloadValue.OpenId === 'string' ? payloadValue.OpenId : '',
      CreateTime: createTime,
      MsgType: 'event',
      Event: event,
      MiniGame: { Payload: payload, PayEventSig: sig, IsMock: tamper.isMock ?? false },
    });
    return this.transport(message, payload, createTime, tamper);
  }

  private signingKey(env: 0 | 1, which: PushTamper['sigKey']): string {
    const { live, sandbox } = this.options.appKeys;
    if (which === 'wrong') return 'not-the-app-key-0000000000000000';
    const useEnv = which === 'other-env' ? 1 - env : env;
    const key = useEnv === 0 ? live : sandbox;
    if (key === undefined) throw new Error(`push sender: no AppKey for Env ${useEnv}`);
    return key;
  }

  private transport(message: string, payload: string, createTime: number, tamper: PushTamper): BuiltPush {
    const o = this.options;
    const timestamp = String(createTime);
    const nonce = randomDigits(10);
    const hex = (h: string) => (tamper.upperCaseHex ? h.toUpperCase() : h);
    let signature = hex(sha1SortedHex([o.token, timestamp, nonce]));
    if (tamper.corruptSignature) signature = flipHexChar(signature);
    const query: Record<string, string> = { signature, timestamp, nonce };
    let body = message;
    if (o.encodingAesKey !== undefined) {
      const encrypt = encryptPush(o.encodingAesKey, message, tamper.cipherAppId ?? o.appId);
      let msgSignature = hex(sha1SortedHex([o.token, timestamp, nonce, encrypt]));
      if (tamper.corruptMsgSignature) msgSignature = flipHexChar(msgSignature);
      query.encrypt_type = 'aes';
      query.msg_signature = msgSignature;
      body = JSON.stringify({ ToUserName: o.toUserName ?? 'gh_fakeminigame', Encrypt: encrypt });
    }
    const search = `?${new URLSearchParams(query).toString()}`;
    return {
      query,
      search,
      body,
      message,
      payload,
      send: (url) => sendOver(url + search, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
    };
  }
}

export interface BuiltUrlCheck {
  /** `signature, timestamp, nonce, echostr`. */
  query: Record<string, string>;
  search: string;
  /** What the server must answer, as the whole body. */
  echostr: string;
  send(url: string): Promise<SentPush>;
}

/** The GET check WeChat makes when the push URL is saved: answer `echostr` when `signature` is right. */
export function urlCheck(token: string, tamper: { corruptSignature?: boolean; upperCaseHex?: boolean } = {}): BuiltUrlCheck {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomDigits(10);
  const echostr = randomBytes(9).toString('hex');
  let signature = sha1SortedHex([token, timestamp, nonce]);
  if (tamper.upperCaseHex) signature = signature.toUpperCase();
  if (tamper.corruptSignature) signature = flipHexChar(signature);
  const query = { signature, timestamp, nonce, echostr };
  const search = `?${new URLSearchParams(query).toString()}`;
  return { query, search, echostr, send: (url) => sendOver(url + search, { method: 'GET' }) };
}

function randomDigits(n: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < n) s += String(randomInt(0, 10));
  return s;
}
