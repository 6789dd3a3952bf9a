import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gravity's `Authorization` header: an HS256 JWT whose payload is exactly `{"app_key": "<app_key>"}`, signed
 * with the request's `sign` value as the secret (specs/README.md). Sent as the bare token, no `Bearer` prefix,
 * as the spec's curl example does.
 */
export function gravityJwt(appKey: string, sign: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ app_key: appKey }));
  const signature = hmac(`${header}.${payload}`, sign);
  return `${header}.${payload}.${signature}`;
}

/** Verifies an HS256 JWT against `secret` and returns its payload, or a reason it is refused. */
export function verifyHs256(
  token: string,
  secret: string,
): { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [h, p, s] = parts;
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'JWT header or payload is not JSON' };
  }
  if (!isRecord(header) || header.alg !== 'HS256') return { ok: false, reason: 'JWT alg is not HS256' };
  const expected = Buffer.from(hmac(`${h}.${p}`, secret));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'JWT signature does not verify' };
  }
  if (!isRecord(payload)) return { ok: false, reason: 'JWT payload is not an object' };
  return { ok: true, payload };
}

function hmac(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
