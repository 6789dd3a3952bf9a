import type { HttpRequest, HttpResponse, Platform } from '../platform/platform';
import { NetworkError, RelayError } from '../errors';
import { STORAGE_PREFIX } from '../queue/order-store';

/** What `POST /v1/session` gave us, kept in storage so a restart does not log in again. */
export interface SessionInfo {
  token: string;
  openid: string;
  expiresAt: number;
}

const SESSION_KEY = STORAGE_PREFIX + 'session';
/** Renew a little before expiry so a request never leaves with a token that dies on the way. */
const EXPIRY_MARGIN_MS = 60000;

/**
 * `platform.login()` → `POST /v1/session` → token in storage; `request()` adds the Bearer token and, on a 401,
 * logs in again once and retries once.
 */
export class Session {
  private info: SessionInfo | undefined;
  private loggingIn: Promise<SessionInfo> | undefined;

  constructor(
    private readonly platform: Platform,
    private readonly relayUrl: string,
    private readonly appId: string,
    private readonly timeoutMs: number,
  ) {
    this.info = parseSession(platform.storage.get(SESSION_KEY));
  }

  get openid(): string | undefined {
    return this.info?.openid;
  }

  login(): Promise<SessionInfo> {
    if (!this.loggingIn) {
      this.loggingIn = this.doLogin().then(
        (s) => ((this.loggingIn = undefined), s),
        (e) => {
          this.loggingIn = undefined;
          throw e;
        },
      );
    }
    return this.loggingIn;
  }

  /** A relay request with the token; a 401 re-logs in once. Rejects with NetworkError when the relay is unreachable. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const valid = this.info && this.info.expiresAt - EXPIRY_MARGIN_MS > this.platform.clock.now();
    const first = await this.send(req, valid ? this.info! : await this.login());
    if (first.status !== 401) return first;
    return this.send(req, await this.login());
  }

  private async send(req: HttpRequest, s: SessionInfo): Promise<HttpResponse> {
    return this.raw({ ...req, headers: { ...req.headers, authorization: 'Bearer ' + s.token } });
  }

  private async raw(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.platform.request({ timeoutMs: this.timeoutMs, ...req, url: this.relayUrl + req.url });
    } catch (e) {
      throw new NetworkError(String((e as Error)?.message ?? e));
    }
  }

  private async doLogin(): Promise<SessionInfo> {
    let code: string;
    try {
      code = await this.platform.login();
    } catch (e) {
      throw new NetworkError('login failed: ' + String((e as Error)?.message ?? e));
    }
    const res = await this.raw({ url: '/v1/session', method: 'POST', body: { appId: this.appId, code } });
    const s = res.status === 200 ? asSession(res.body) : undefined;
    if (!s) throw new RelayError(`POST /v1/session answered ${res.status}`, res.status);
    this.info = s;
    try {
      this.platform.storage.set(SESSION_KEY, JSON.stringify(s));
    } catch {
      // A session that cannot be cached only costs a login on the next start.
    }
    return s;
  }
}

function asSession(v: unknown): SessionInfo | undefined {
  const o = v as SessionInfo;
  return o && typeof o.token === 'string' && typeof o.openid === 'string' && typeof o.expiresAt === 'number'
    ? { token: o.token, openid: o.openid, expiresAt: o.expiresAt }
    : undefined;
}

function parseSession(raw: string | undefined): SessionInfo | undefined {
  try {
    return raw ? asSession(JSON.parse(raw)) : undefined;
  } catch {
    return undefined;
  }
}
