import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  FakeUpstream,
  type FailureMode,
  type FakeReply,
  type FakeServerOptions,
  type IncomingFakeRequest,
  parseJsonBody,
} from './fake-server';

export const JSCODE2SESSION_PATH = '/sns/jscode2session';
export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';
export const QUERY_ORDER_PATH = '/wxa/game/queryorderinfo';

export interface FakeWechatOptions extends FakeServerOptions {
  /** appid → AppSecret of the mini-games the fake knows. */
  apps: Record<string, string>;
  /** appid → Midas AppKey per env (`live` for env 0, `sandbox` for env 1), to check `pay_sig`. @default {} */
  payKeys?: Record<string, { live: string; sandbox?: string }>;
}

/** An order the test says WeChat knows (`setPaidOrder`). */
export interface FakeWechatOrder {
  openid: string;
  productId: string;
  /** Unix seconds, as WeChat answers `pay_finish_time`. */
  payFinishTime: number;
  /** 1 unpaid, 2 paid. @default 2 */
  payState?: 1 | 2;
  /** 1 not delivered, 2 delivered. @default 1 */
  deliverState?: 1 | 2;
  /** @default derived from the out_trade_no */
  transactionId?: string;
  /** @default derived from the out_trade_no */
  mchOrderNo?: string;
}

const QUERY_FIELDS = ['openid', 'offer_id', 'ts', 'zone_id', 'env', 'out_trade_no', 'biz_id'] as const;

function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

/** Lowercase hex compare, as WeChat checks (the signatures are sent lowercase). */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Fake WeChat `jscode2session`: `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`.
 * Answers `{openid, session_key}` or `{errcode, errmsg}` with WeChat's codes: 40013 invalid appid,
 * 40125 invalid appsecret, 40029 invalid code, 40163 code been used, 40002 invalid grant_type. Like the real
 * one it answers HTTP 200 with `Content-Type: text/plain` even for JSON, and a code works once.
 * The openid of a code is deterministic (`openidFor(appid, code)`), or set with `setOpenid` first; a code
 * starting with `bad` is invalid. Each login hands out a new random session_key (24-char base64 of 16 bytes)
 * that replaces the user's previous one: `sessionKeyOf(appid, openid)`.
 *
 * Also the mini-game payment calls:
 * - `POST /cgi-bin/stable_token` `{grant_type: "client_credential", appid, secret, force_refresh}` →
 *   `{access_token, expires_in: 7200}`: the same token until `force_refresh` (the old one stays valid, as in
 *   WeChat) or `expireAccessTokens()`; counted in `tokenCalls`.
 * - `POST /wxa/game/queryorderinfo?access_token&signature&sig_method=hmac_sha256&pay_sig`: 40001 for a token it
 *   never issued, 42001 for an expired one; 90018 for a bad body; 90011 unless `pay_sig` is HMAC(AppKey[env],
 *   uri + "&" + raw body); 90016 when the test expired the user's session_key (`expireSessionKey`); 90010 unless
 *   `signature` is HMAC(the user's current session_key, raw body); 90019 for an order the test did not register
 *   with `setPaidOrder` (or another user's); else the flat answer. Counted in `queryCalls`.
 */
export class FakeWechat extends FakeUpstream {
  /** `start().url` is the `apiBase` of the relay config: the origin. */
  protected readonly endpointPath = '';
  protected readonly garbageProcessed = false;
  private readonly usedCodes = new Set<string>();
  private readonly openids = new Map<string, string>();
  /** `appid\0openid` → the current session_key. */
  private readonly userSessionKeys = new Map<string, string>();
  private readonly expiredSessions = new Set<string>();
  /** access_token → its appid and whether it expired. */
  private readonly tokens = new Map<string, { appid: string; expired: boolean }>();
  private readonly currentToken = new Map<string, string>();
  /** `appid\0out_trade_no` → order. */
  private readonly orders = new Map<string, FakeWechatOrder>();
  /** `stable_token` calls answered (any answer). */
  tokenCalls = 0;
  /** `queryorderinfo` calls answered (any answer). */
  queryCalls = 0;

  constructor(private readonly options: FakeWechatOptions) {
    super(options);
  }

  /** The user's current session_key (the last login's), or undefined before any login. */
  sessionKeyOf(appid: string, openid: string): string | undefined {
    return this.userSessionKeys.get(`${appid}\0${openid}`);
  }

  /** From now on queries signed for this user answer 90016, until the user logs in again. */
  expireSessionKey(appid: string, openid: string): this {
    this.expiredSessions.add(`${appid}\0${openid}`);
    return this;
  }

  /** Registers an order `queryorderinfo` knows. */
  setPaidOrder(appid: string, outTradeNo: string, order: FakeWechatOrder): this {
    this.orders.set(`${appid}\0${outTradeNo}`, order);
    return this;
  }

  /** Every access_token issued so far now answers 42001; the next `stable_token` issues a new one. */
  expireAccessTokens(): this {
    for (const t of this.tokens.values()) t.expired = true;
    this.currentToken.clear();
    return this;
  }

  /** The openid the fake answers for `code` of `appid` unless `setOpenid` chose one. */
  static openidFor(appid: string, code: string): string {
    return 'o' + createHash('sha256').update(`${appid}\0${code}`).digest('base64url').slice(0, 27);
  }

  setOpenid(code: string, openid: string): this {
    this.openids.set(code, openid);
    return this;
  }

  protected handle(req: IncomingFakeRequest): FakeReply {
    if (req.url.pathname === STABLE_TOKEN_PATH) return this.stableToken(req);
    if (req.url.pathname === QUERY_ORDER_PATH) return this.queryOrder(req);
    if (req.url.pathname !== JSCODE2SESSION_PATH) return this.wx({ errcode: -1, errmsg: `no route ${req.url.pathname}` }, 404);
    if (req.method !== 'GET') return this.wx({ errcode: -1, errmsg: `method ${req.method} not allowed` }, 405);
    const q = req.url.searchParams;
    const appid = q.get('appid') ?? '';
    const secret = q.get('secret') ?? '';
    const code = q.get('js_code') ?? '';
    if (q.get('grant_type') !== 'authorization_code') return this.wx({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (!(appid in this.options.apps)) return this.wx({ errcode: 40013, errmsg: 'invalid appid' });
    if (this.options.apps[appid] !== secret) return this.wx({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (code === '' || code.startsWith('bad')) return this.wx({ errcode: 40029, errmsg: 'invalid code' });
    const key = `${appid}\0${code}`;
    if (this.usedCodes.has(key)) return this.wx({ errcode: 40163, errmsg: 'code been used' });
    this.usedCodes.add(key);
    const openid = this.openids.get(code) ?? FakeWechat.openidFor(appid, code);
    const sessionKey = randomBytes(16).toString('base64');
    this.userSessionKeys.set(`${appid}\0${openid}`, sessionKey);
    this.expiredSessions.delete(`${appid}\0${openid}`);
    const reply = this.wx({ openid, session_key: sessionKey });
    return { ...reply, ids: [code], problems: undefined };
  }

  private stableToken(req: IncomingFakeRequest): FakeReply {
    this.tokenCalls++;
    if (req.method !== 'POST') return this.wx({ errcode: -1, errmsg: `method ${req.method} not allowed` }, 405);
    const body = parseJsonBody(req.body);
    const b = (body.ok && typeof body.value === 'object' && body.value !== null ? body.value : {}) as Record<string, unknown>;
    if (b.grant_type !== 'client_credential') return this.wx({ errcode: 40002, errmsg: 'invalid grant_type' });
    const appid = typeof b.appid === 'string' ? b.appid : '';
    if (!(appid in this.options.apps)) return this.wx({ errcode: 40013, errmsg: 'invalid appid' });
    if (this.options.apps[appid] !== b.secret) return this.wx({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (b.force_refresh !== undefined && typeof b.force_refresh !== 'boolean') return this.wx({ errcode: 40097, errmsg: 'invalid args' });
    let token = this.currentToken.get(appid);
    if (token === undefined || b.force_refresh === true) {
      token = `fake-at-${randomBytes(24).toString('base64url')}`;
      this.tokens.set(token, { appid, expired: false });
      this.currentToken.set(appid, token);
    }
    return { ...this.wx({ access_token: token, expires_in: 7200 }), ids: [] };
  }

  private queryOrder(req: IncomingFakeRequest): FakeReply {
    this.queryCalls++;
    if (req.method !== 'POST') return this.wx({ errcode: -1, errmsg: `method ${req.method} not allowed` }, 405);
    const q = req.url.searchParams;
    const token = this.tokens.get(q.get('access_token') ?? '');
    if (!token) return this.wx({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    if (token.expired) return this.wx({ errcode: 42001, errmsg: 'access_token expired' });
    if (q.get('sig_method') !== 'hmac_sha256') return this.wx({ errcode: 90018, errmsg: 'invalid sig_method' });
    const raw = req.body;
    const parsed = parseJsonBody(raw);
    const b = (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : undefined) as
      | Record<string, unknown>
      | undefined;
    const missing = b === undefined ? ['body'] : QUERY_FIELDS.filter((f) => !(f in b));
    if (b === undefined || missing.length > 0) return this.wx({ errcode: 90018, errmsg: `invalid param: ${missing.join(',')}` });
    const env = b.env;
    if ((env !== 0 && env !== 1) || (b.biz_id !== 1 && b.biz_id !== 2) || typeof b.openid !== 'string' || typeof b.out_trade_no !== 'string') {
      return this.wx({ errcode: 90018, errmsg: 'invalid param' });
    }
    const keys = this.options.payKeys?.[token.appid];
    const appKey = env === 0 ? keys?.live : keys?.sandbox;
    if (!appKey || !sameHex(hmacHex(appKey, `${QUERY_ORDER_PATH}&${raw}`), q.get('pay_sig') ?? '')) {
      return this.wx({ errcode: 90011, errmsg: 'pay_sig error' });
    }
    const userKey = `${token.appid}\0${b.openid}`;
    const sessionKey = this.userSessionKeys.get(userKey);
    if (sessionKey !== undefined && this.expiredSessions.has(userKey)) {
      return { ...this.wx({ errcode: 90016, errmsg: 'session_key expired' }), ids: [b.out_trade_no], problems: undefined };
    }
    if (sessionKey === undefined || !sameHex(hmacHex(sessionKey, raw), q.get('signature') ?? '')) {
      return this.wx({ errcode: 90010, errmsg: 'signature error' });
    }
    const order = this.orders.get(`${token.appid}\0${b.out_trade_no}`);
    if (!order || order.openid !== b.openid) {
      return { ...this.wx({ errcode: 90019, errmsg: 'out_trade_no not exist' }), ids: [b.out_trade_no], problems: undefined };
    }
    const paid = (order.payState ?? 2) === 2;
    const digits = createHash('sha256').update(b.out_trade_no).digest('hex').replace(/[a-f]/g, '').padEnd(28, '7').slice(0, 28);
    return {
      ...this.wx({
        errcode: 0,
        errmsg: 'ok',
        pay_state: order.payState ?? 2,
        deliver_state: order.deliverState ?? 1,
        product_id: order.productId,
        pay_finish_time: paid ? order.payFinishTime : 0,
        out_trade_no: b.out_trade_no,
        mch_order_no: paid ? (order.mchOrderNo ?? `mch${digits}`) : '',
        transaction_id: paid ? (order.transactionId ?? `42${digits}`) : '',
      }),
      ids: [b.out_trade_no],
    };
  }

  private wx(value: object, status = 200): FakeReply {
    const problems = 'errcode' in value && (value).errcode !== 0 ? [JSON.stringify(value)] : undefined;
    return { status, body: JSON.stringify(value), headers: { 'content-type': 'text/plain' }, problems };
  }

  protected failureReply(_mode: FailureMode): FakeReply | undefined {
    return undefined;
  }

  protected garbageBody(n: number): string {
    return ['<html>系统繁忙</html>', '{"errcode":-1,"errmsg":"system error"}', '{"openid":1}'][n % 3];
  }
}
