import { createHash, randomBytes } from 'node:crypto';
import {
  FakeUpstream,
  type FailureMode,
  type FakeReply,
  type FakeServerOptions,
  type IncomingFakeRequest,
} from './fake-server';

export const JSCODE2SESSION_PATH = '/sns/jscode2session';

export interface FakeWechatOptions extends FakeServerOptions {
  /** appid → AppSecret of the mini-games the fake knows. */
  apps: Record<string, string>;
}

/**
 * Fake WeChat `jscode2session`: `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`.
 * Answers `{openid, session_key}` or `{errcode, errmsg}` with WeChat's codes: 40013 invalid appid,
 * 40125 invalid appsecret, 40029 invalid code, 40163 code been used, 40002 invalid grant_type. Like the real
 * one it answers HTTP 200 with `Content-Type: text/plain` even for JSON, and a code works once.
 * The openid of a code is deterministic (`openidFor(appid, code)`), or set with `setOpenid` first; a code
 * starting with `bad` is invalid.
 */
export class FakeWechat extends FakeUpstream {
  /** `start().url` is the `apiBase` of the relay config: the origin. */
  protected readonly endpointPath = '';
  protected readonly garbageProcessed = false;
  private readonly usedCodes = new Set<string>();
  private readonly openids = new Map<string, string>();

  constructor(private readonly options: FakeWechatOptions) {
    super(options);
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
    const reply = this.wx({ openid, session_key: randomBytes(16).toString('base64') });
    return { ...reply, ids: [code], problems: undefined };
  }

  private wx(value: object, status = 200): FakeReply {
    const problems = 'errcode' in value ? [JSON.stringify(value)] : undefined;
    return { status, body: JSON.stringify(value), headers: { 'content-type': 'text/plain' }, problems };
  }

  protected failureReply(_mode: FailureMode): FakeReply | undefined {
    return undefined;
  }

  protected garbageBody(n: number): string {
    return ['<html>系统繁忙</html>', '{"errcode":-1,"errmsg":"system error"}', '{"openid":1}'][n % 3];
  }
}
