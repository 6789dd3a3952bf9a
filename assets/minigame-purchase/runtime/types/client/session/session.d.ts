import type { HttpRequest, HttpResponse, Platform } from '../platform/platform';
/** What `POST /v1/session` gave us, kept in storage so a restart does not log in again. */
export interface SessionInfo {
    token: string;
    openid: string;
    expiresAt: number;
}
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
export declare function createSession(platform: Platform, relayUrl: string, appId: string, timeoutMs: number, onLogin?: () => void): Session;
