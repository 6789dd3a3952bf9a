import type { HttpRequest, HttpResponse, Platform } from '../platform/platform';
import { NetworkError, RelayError } from '../errors';
import { STORAGE_PREFIX } from '../storage-keys';
import { errorText } from '../best-effort';

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
export interface Session {
  /** The player's openid once logged in (now or in an earlier run). */
  openid(): string | undefined;
  /** Logs in; concurrent calls share one login. */
  login(): Promise<SessionInfo>;
  /** A relay request with the token; a 401 re-logs in once. Rejects with NetworkError when the relay is unreachable. */
  request(req: HttpRequest): Promise<HttpResponse>;
  /**
   * The platform said the session_key behind this session expired (WeChat -15015): the next request logs in first,
   * so the relay signs the next order with a fresh one. The openid stays known meanwhile.
   */
  expire(): void;
}

/** @param onLogin called after each successful login (a new session, so what the relay said before may change) */
export function createSession(
  platform: Platform,
  relayUrl: string,
  appId: string,
  timeoutMs: number,
  onLogin?: () => void,
): Session {
  // A closure rather than a class: its members minify, the bundle a game ships is smaller.
  let info = parseSession(platform.storage.get(SESSION_KEY));
  let loggingIn: Promise<SessionInfo> | undefined;
  let expired = false;

  const raw = async (req: HttpRequest): Promise<HttpResponse> => {
    try {
      return await platform.request({ timeoutMs, ...req, url: relayUrl + req.url });
    } catch (e) {
      throw new NetworkError(errorText(e));
    }
  };

  const send = (req: HttpRequest, s: SessionInfo) =>
    raw({ ...req, headers: { ...req.headers, authorization: 'Bearer ' + s.token } });

  const doLogin = async (): Promise<SessionInfo> => {
    let code: string;
    try {
      code = await platform.login();
    } catch (e) {
      throw new NetworkError('login failed: ' + errorText(e));
    }
    const res = await raw({ url: '/v1/session', method: 'POST', body: { appId, code } });
    const s = res.status === 200 ? asSession(res.body) : undefined;
    if (!s) throw new RelayError(`POST /v1/session answered ${res.status}`, res.status);
    info = s;
    expired = false;
    if (onLogin) onLogin();
    try {
      platform.storage.set(SESSION_KEY, JSON.stringify(s));
    } catch {
      // A session that cannot be cached only costs a login on the next start.
    }
    return s;
  };

  const login = (): Promise<SessionInfo> =>
    (loggingIn ||= doLogin().then(
      (s) => ((loggingIn = undefined), s),
      (e) => {
        loggingIn = undefined;
        throw e;
      },
    ));

  return {
    openid: () => info && info.openid,
    login,
    async request(req) {
      const valid = !expired && info && info.expiresAt - EXPIRY_MARGIN_MS > platform.clock.now();
      const first = await send(req, valid ? info! : await login());
      if (first.status !== 401) return first;
      return send(req, await login());
    },
    expire() {
      expired = true;
    },
  };
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
