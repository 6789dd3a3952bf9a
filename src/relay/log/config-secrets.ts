import type { RelayConfig } from '../config/config-schema';

/**
 * Every resolved secret value of a config, for redaction by value. Kept next to the logger so the logger's
 * guarantee does not depend on where else secrets are listed; a new secret field in the schema must be added here.
 */
export function configSecretValues(config: RelayConfig): string[] {
  const out: Array<string | undefined> = [config.session.secret, config.adminToken];
  for (const g of config.games) {
    out.push(g.wechat?.appSecret, g.sinks.kakao?.appSecret, g.sinks.kakao?.adminKey, g.gravity?.appKey);
  }
  return [...new Set(out.filter((s): s is string => typeof s === 'string' && s !== ''))];
}
