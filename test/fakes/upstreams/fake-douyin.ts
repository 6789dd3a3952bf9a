import { createHash, randomBytes } from 'node:crypto';
import { FakeUpstream, type FailureMode, type FakeReply, type FakeServerOptions, type IncomingFakeRequest, parseJsonBody } from './fake-server';

export const DOUYIN_CODE2SESSION_PATH = '/api/apps/v2/jscode2session';
export const DOUYIN_TOKEN_PATH = '/api/apps/v2/token';
export const DOUYIN_QUERY_PATH = '/api/apps/game/payment/queryPayState';

export interface FakeDouyinOptions extends FakeServerOptions {
  /** appid → AppSecret of the mini-games the fake knows. */
  apps: Record<string, string>;
}

/**
 * Fake Douyin open API (the `apiBase` of `games[].douyin`), as the spec page describes it:
 * - `POST /api/apps/v2/jscode2session {appid, secret, code}` → `{err_no: 0, data: {openid, session_key}}`, or
 *   err_no 40015 bad appid, 40017 bad secret, 40018 bad or used code (a code starting with `bad` is bad);
 * - `POST /api/apps/v2/token {appid, secret, grant_type: "client_credential"}` → `{err_no: 0, data: {access_token, expires_in}}`;
 * - `GET /api/apps/game/payment/queryPayState?access_token&orderno` → `{err_no: 0, status: "success" | "unsuccess"}`
 *   (success once the test called `setPaid`), err_no 40002 for a token it never issued. Counted in `queryCalls`.
 */
export class FakeDouyin extends FakeUpstream {
  protected readonly endpointPath = '';
  protected readonly garbageProcessed = false;
  private readonly usedCodes = new Set<string>();
  private readonly sessionKeys = new Map<string, string>();
  private readonly tokens = new Map<string, string>();
  private readonly paid = new Map<string, { currency?: string }>();
  queryCalls = 0;
  tokenCalls = 0;

  constructor(private readonly options: FakeDouyinOptions) {
    super(options);
  }

  static openidFor(appid: string, code: string): string {
    return '_000' + createHash('sha256').update(`douyin\0${appid}\0${code}`).digest('base64url').slice(0, 28);
  }

  sessionKeyOf(appid: string, openid: string): string | undefined {
    return this.sessionKeys.get(`${appid}\0${openid}`);
  }

  /** queryPayState answers `success` for this order from now on (with `currency` in the answer when given). */
  setPaid(orderNo: string, currency?: string): this {
    this.paid.set(orderNo, currency === undefined ? {} : { currency });
    return this;
  }

  protected handle(req: IncomingFakeRequest): FakeReply {
    const path = req.url.pathname;
    if (path === DOUYIN_QUERY_PATH) return this.query(req);
    if (req.method !== 'POST') return this.dy({ err_no: -1, err_tips: `no route ${req.method} ${path}` }, 404);
    const parsed = parseJsonBody(req.body);
    const b = (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {}) as Record<string, unknown>;
    const appid = typeof b.appid === 'string' ? b.appid : '';
    if (path !== DOUYIN_CODE2SESSION_PATH && path !== DOUYIN_TOKEN_PATH) return this.dy({ err_no: -1, err_tips: `no route ${path}` }, 404);
    if (!(appid in this.options.apps)) return this.dy({ err_no: 40015, err_tips: 'bad appid' });
    if (this.options.apps[appid] !== b.secret) return this.dy({ err_no: 40017, err_tips: 'bad secret' });
    if (path === DOUYIN_TOKEN_PATH) {
      this.tokenCalls++;
      if (b.grant_type !== 'client_credential') return this.dy({ err_no: 40020, err_tips: 'bad grant_type' });
      const token = `dy-at-${randomBytes(18).toString('base64url')}`;
      this.tokens.set(token, appid);
      return { ...this.dy({ err_no: 0, err_tips: 'success', data: { access_token: token, expires_in: 7200 } }), ids: [] };
    }
    const code = typeof b.code === 'string' ? b.code : '';
    if (code === '' || code.startsWith('bad') || this.usedCodes.has(`${appid}\0${code}`)) return this.dy({ err_no: 40018, err_tips: 'bad code' });
    this.usedCodes.add(`${appid}\0${code}`);
    const openid = FakeDouyin.openidFor(appid, code);
    const sessionKey = randomBytes(16).toString('base64');
    this.sessionKeys.set(`${appid}\0${openid}`, sessionKey);
    return { ...this.dy({ err_no: 0, err_tips: 'success', data: { openid, session_key: sessionKey, anonymous_openid: '', unionid: '' } }), ids: [code] };
  }

  private query(req: IncomingFakeRequest): FakeReply {
    this.queryCalls++;
    const q = req.url.searchParams;
    if (req.method !== 'GET') return this.dy({ err_no: -1, err_tips: 'GET only' }, 405);
    if (!this.tokens.has(q.get('access_token') ?? '')) return this.dy({ err_no: 40002, err_tips: 'bad access_token' });
    const orderNo = q.get('orderno') ?? '';
    if (orderNo === '') return this.dy({ err_no: 40014, err_tips: 'bad orderno' });
    const paid = this.paid.get(orderNo);
    return { ...this.dy({ err_no: 0, err_tips: 'success', status: paid ? 'success' : 'unsuccess', ...(paid?.currency ? { currency: paid.currency } : {}) }), ids: [orderNo] };
  }

  private dy(value: { err_no: number } & Record<string, unknown>, status = 200): FakeReply {
    return { status, body: JSON.stringify(value), problems: value.err_no !== 0 ? [JSON.stringify(value)] : undefined };
  }

  protected failureReply(_mode: FailureMode): FakeReply | undefined {
    return undefined;
  }

  protected garbageBody(n: number): string {
    return ['<html>busy</html>', '{"err_no":-1}', '{"status":1}'][n % 3];
  }
}
