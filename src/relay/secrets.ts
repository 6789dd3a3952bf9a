import type { RelayConfig } from './config/config-schema';
import { SINKS } from './sinks';

/** The password of a `postgres://user:password@host/db` URL, if it has one. */
export function postgresPassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}

/**
 * Every resolved secret value of a config (session secret, admin token, WeChat, Douyin and QQ app secrets, payment keys and callback tokens, each
 * sink's `secretFields` (Kakao's app secret and admin key), Gravity app keys, the Postgres password): the logger redacts each wherever it appears, and the
 * secrets test asserts none reaches a log line or a response.
 */
export function collectSecrets(config: RelayConfig): string[] {
  const out: unknown[] = [config.session.secret, config.adminToken, config.session.keyEncryptionKey];
  if ('postgres' in config.storage) {
    const pw = postgresPassword(config.storage.postgres);
    out.push(pw, pw === undefined ? undefined : encodeURIComponent(pw));
  }
  for (const g of config.games) {
    out.push(g.wechat?.appSecret, ...SINKS.flatMap((s) => sinkSecrets(s.secretFields, s.configOf(g) as Record<string, unknown> | undefined)), g.gravity?.appKey);
    const pay = g.wechat?.pay;
    out.push(pay?.appKey, pay?.sandboxAppKey, pay?.push?.token, pay?.push?.encodingAesKey);
    out.push(g.douyin?.appSecret, g.douyin?.pay?.callbackToken, g.qq?.appSecret);
  }
  return [...new Set(out.filter((s): s is string => typeof s === 'string' && s !== ''))];
}

/** The values of a sink block's secret fields. */
function sinkSecrets(fields: readonly string[], block: Record<string, unknown> | undefined): unknown[] {
  return block === undefined ? [] : fields.map((f) => block[f]);
}
