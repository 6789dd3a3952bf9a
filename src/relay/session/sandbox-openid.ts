import { createHash } from 'node:crypto';

/**
 * Sandbox sessions accept any code; the openid is derived from (appId, code) so the same test code always logs
 * in as the same user (first-pay and uid checks behave as in production) and no real openid can be forged.
 */
export function sandboxOpenid(appId: string, code: string): string {
  return `sandbox-${createHash('sha256').update(`${appId}\n${code}`).digest('hex').slice(0, 24)}`;
}
