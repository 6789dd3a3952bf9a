import type { RelayConfig } from './config/config-schema';

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
 * Every resolved secret value of a config (session secret, admin token, WeChat, Douyin and QQ app secrets, payment keys and callback tokens, Kakao app secrets and
 * admin keys, Gravity app keys, the Postgres password): the logger redacts each wherever it appears, and the
 * secrets test asserts none reaches a log line or a response.
 */
export function collectSecrets(config: RelayConfig): string[] {
  const out: (string | undefined)[] = [config.session.secret, config.adminToken];
  out.push(config.session.keyEncryptionKey);
  if ('postgres' in config.storage) {
    const pw = postgresPassword(config.storage.postgres);
    out.push(pw, pw === undefined ? undefined : encodeURIComponent(pw));
  }
  for (const g of config.games) {
    out.push(g.wechat?.appSecret, g.sinks.kakao?.appSecret, g.sinks.kakao?.adminKey, g.gravity?.appKey);
    const pay = g.wechat?.pay;
    out.push(pay?.appKey, pay?.sandboxAppKey, pay?.push?.token, pay?.push?.encodingAesKey);
    out.push(g.douyin?.appSecret, g.douyin?.pay?.callbackToken, g.qq?.appSecret);
  }
  return [...new Set(out.filter((s): s is string => typeof s === 'string' && s !== ''))];
}
