import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time';

/** A compact HS256 JWT, hand-rolled on `node:crypto` so no JOSE dependency enters the relay. */

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export type JwtFailure = 'malformed' | 'bad-algorithm' | 'bad-signature' | 'expired' | 'bad-claims';

export type JwtVerification<P> = { ok: true; payload: P } | { ok: false; reason: JwtFailure };

export function signJwt(payload: object, secret: string): string {
  const body = base64url(JSON.stringify(payload));
  return `${HEADER}.${body}.${sign(`${HEADER}.${body}`, secret)}`;
}

/**
 * Checks shape, algorithm (only HS256: `none` and every other `alg` are refused before any signature work),
 * signature (constant time) and `exp` (seconds, against `nowMs`).
 */
export function verifyJwt(token: string, secret: string, nowMs: number): JwtVerification<Record<string, unknown>> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === '' || parts[1] === '') {
    return { ok: false, reason: 'malformed' };
  }
  const header = decodeJson(parts[0]);
  if (header === undefined) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'HS256' || (header.typ !== undefined && header.typ !== 'JWT')) {
    return { ok: false, reason: 'bad-algorithm' };
  }
  if (!constantTimeEqual(parts[2], sign(`${parts[0]}.${parts[1]}`, secret))) return { ok: false, reason: 'bad-signature' };
  const payload = decodeJson(parts[1]);
  if (payload === undefined) return { ok: false, reason: 'malformed' };
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return { ok: false, reason: 'bad-claims' };
  if (payload.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

function base64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
