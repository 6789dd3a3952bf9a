import { createHash, createHmac, randomBytes } from 'node:crypto';
import { FakeUpstream, type FailureMode, type FakeReply, type FakeServerOptions, type IncomingFakeRequest, parseJsonBody } from './fake-server';

export const QQ_CODE2SESSION_PATH = '/sns/jscode2session';
export const QQ_TOKEN_PATH = '/api/getToken';
export const QQ_PREPAY_PATH = '/api/json/openApiPay/GamePrePay';

const PREPAY_FIELDS = ['openid', 'appid', 'ts', 'zone_id', 'pf', 'amt', 'bill_no', 'goodid', 'good_num', 'app_remark', 'sig'] as const;

/**
 * Fake QQ mini-game server API (`api.q.qq.com`):
 * - `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code` → WeChat's shape;
 * - `GET /api/getToken?grant_type=client_credential&appid&secret` → `{errcode: 0, access_token, expires_in}`;
 * - `POST /api/json/openApiPay/GamePrePay?access_token` with JSON `{openid, appid, ts, zone_id, pf, amt, bill_no,
 *   goodid, good_num, app_remark, sig}`: -3000 for an unknown token; 90018 for a missing field; 90010 for a
 *   player who never logged in; 90011 unless `sig` is the spec's HMAC (computed here from the formula, with the
 *   player's current session_key); 90012 for a bill_no seen before; else `{errcode: 0, prepayId}`.
 */
export class FakeQq extends FakeUpstream {
  protected readonly endpointPath = '';
  protected readonly garbageProcessed = false;
  private readonly usedCodes = new Set<string>();
  private readonly sessionKeys = new Map<string, string>();
  private readonly tokens = new Map<string, string>();
  /** prepayId → what it charges. */
  readonly prepays = new Map<string, { appid: string; openid: string; billNo: string; amt: number; goodid: string; goodNum: number }>();
  tokenCalls = 0;

  constructor(private readonly options: FakeServerOptions & { apps: Record<string, string> }) {
    super(options);
  }

  static openidFor(appid: string, code: string): string {
    return createHash('sha256').update(`qq\0${appid}\0${code}`).digest('hex').slice(0, 32).toUpperCase();
  }

  sessionKeyOf(appid: string, openid: string): string | undefined {
    return this.sessionKeys.get(`${appid}\0${openid}`);
  }

  protected handle(req: IncomingFakeRequest): FakeReply {
    const q = req.url.searchParams;
    switch (req.url.pathname) {
      case QQ_CODE2SESSION_PATH: {
        const appid = q.get('appid') ?? '';
        const code = q.get('js_code') ?? '';
        if (q.get('grant_type') !== 'authorization_code') return this.qq({ errcode: 40002, errmsg: 'invalid grant_type' });
        if (this.options.apps[appid] === undefined) return this.qq({ errcode: 40013, errmsg: 'invalid appid' });
        if (this.options.apps[appid] !== q.get('secret')) return this.qq({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (code === '' || code.startsWith('bad') || this.usedCodes.has(`${appid}\0${code}`)) return this.qq({ errcode: 40029, errmsg: 'invalid code' });
        this.usedCodes.add(`${appid}\0${code}`);
        const openid = FakeQq.openidFor(appid, code);
        const sessionKey = randomBytes(16).toString('base64');
        this.sessionKeys.set(`${appid}\0${openid}`, sessionKey);
        return { ...this.qq({ errcode: 0, openid, session_key: sessionKey }), ids: [code] };
      }
      case QQ_TOKEN_PATH: {
        this.tokenCalls++;
        const appid = q.get('appid') ?? '';
        if (q.get('grant_type') !== 'client_credential') return this.qq({ errcode: 40002, errmsg: 'invalid grant_type' });
        if (this.options.apps[appid] === undefined || this.options.apps[appid] !== q.get('secret')) return this.qq({ errcode: 40013, errmsg: 'invalid appid or secret' });
        const token = `qq-at-${randomBytes(18).toString('base64url')}`;
        this.tokens.set(token, appid);
        return { ...this.qq({ errcode: 0, errmsg: '', access_token: token, expires_in: 7200 }), ids: [] };
      }
      case QQ_PREPAY_PATH:
        return this.prepay(req);
      default:
        return this.qq({ errcode: -1, errmsg: `no route ${req.url.pathname}` }, 404);
    }
  }

  private prepay(req: IncomingFakeRequest): FakeReply {
    if (req.method !== 'POST') return this.qq({ errcode: -1, errmsg: 'POST only' }, 405);
    const tokenApp = this.tokens.get(req.url.searchParams.get('access_token') ?? '');
    if (tokenApp === undefined) return this.qq({ errcode: -3000, errmsg: 'access_token error' });
    const parsed = parseJsonBody(req.body);
    const b = (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {}) as Record<string, string | number>;
    const missing = PREPAY_FIELDS.filter((f) => b[f] === undefined);
    if (missing.length > 0 || b.appid !== tokenApp) return this.qq({ errcode: 90018, errmsg: `invalid param ${missing.join(',')}` });
    const sessionKey = this.sessionKeys.get(`${tokenApp}\0${b.openid}`);
    if (sessionKey === undefined) return this.qq({ errcode: 90010, errmsg: 'user not logged in' });
    const pairs = Object.keys(b).filter((k) => k !== 'sig' && k !== 'user_ip').sort().map((k) => `${k}=${b[k]}`).join('&');
    const expected = createHmac('sha256', sessionKey).update(`POST&${encodeURIComponent(QQ_PREPAY_PATH)}&${pairs}&session_key=${sessionKey}`).digest('hex');
    if (b.sig !== expected) return this.qq({ errcode: 90011, errmsg: 'sig error' });
    if ([...this.prepays.values()].some((p) => p.appid === tokenApp && p.billNo === b.bill_no)) return this.qq({ errcode: 90012, errmsg: 'bill_no exists' });
    const prepayId = `pp${randomBytes(12).toString('hex')}`;
    this.prepays.set(prepayId, { appid: tokenApp, openid: String(b.openid), billNo: String(b.bill_no), amt: Number(b.amt), goodid: String(b.goodid), goodNum: Number(b.good_num) });
    return { ...this.qq({ errcode: 0, errmsg: 'ok', prepayId }), ids: [String(b.bill_no)] };
  }

  private qq(value: { errcode: number } & Record<string, unknown>, status = 200): FakeReply {
    return { status, body: JSON.stringify(value), problems: value.errcode !== 0 ? [JSON.stringify(value)] : undefined };
  }

  protected failureReply(_mode: FailureMode): FakeReply | undefined {
    return undefined;
  }

  protected garbageBody(n: number): string {
    return ['<html>busy</html>', '{"errcode":-1}', '{"prepayId":1}'][n % 3];
  }
}
