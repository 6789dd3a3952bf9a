import { revenueMode, type RelayConfig } from './config-schema';
import { HIVE_SERVER_IDS, IPV4 } from '../sinks/hive-wire';
import { parseKeyEncryptionKey } from '../session/session-key-box';

/**
 * Rules across keys, and upstream limits the schema does not state (Hive's smallint, its server codes). Run by the
 * loader, so a config that could only fail at run time (a Kakao delivery dead for want of a country, a game whose
 * purchases nothing could prove) is refused at start; `createRelay` runs them again for configs built in code.
 */
export function crossCheckProblems(config: RelayConfig): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  config.games.forEach((g, i) => {
    const first = seen.get(g.appId);
    if (first !== undefined) problems.push(`games[${i}].appId: ${g.appId} is already games[${first}]`);
    else seen.set(g.appId, i);
    if (config.session.mode === 'wechat' && g.wechat === undefined) {
      problems.push(`games[${i}].wechat: required when session.mode is "wechat" (appSecret for jscode2session)`);
    }
    const pay = g.wechat?.pay;
    if (pay !== undefined) {
      if (config.session.mode !== 'wechat') problems.push(`games[${i}].wechat.pay: needs session.mode "wechat" (orders are signed with the player's session_key)`);
      else if (config.session.keyEncryptionKey === undefined) problems.push(`session.keyEncryptionKey: required when games[${i}].wechat.pay is set (session keys are sealed at rest)`);
      if (pay.env === 1 && pay.sandboxAppKey === undefined) problems.push(`games[${i}].wechat.pay.sandboxAppKey: required when wechat.pay.env is 1`);
    }
    if (revenueMode(g) === 'verified' && pay === undefined) {
      problems.push(`games[${i}].revenue: "verified" needs games[${i}].wechat.pay (nothing could prove a payment, so no sink would get a purchase)`);
    }
    const hive = g.sinks.hive;
    if (hive) {
      const at = `games[${i}].sinks.hive`;
      if (hive.gameIndex > 32767) problems.push(`${at}.gameIndex: Hive's game_index is a smallint (at most 32767)`);
      if (!HIVE_SERVER_IDS.has(hive.serverId)) problems.push(`${at}.serverId: ${JSON.stringify(hive.serverId)} is not a Hive server code (GLOBAL, KR, CN-2, ...)`);
      if (!IPV4.test(hive.serverIp)) problems.push(`${at}.serverIp: Hive's server_ip is a dotted IPv4 address`);
    }
  });
  if (config.session.mode === 'wechat' && config.session.keyEncryptionKey !== undefined && config.games.some((g) => g.wechat?.pay)) {
    try {
      parseKeyEncryptionKey(config.session.keyEncryptionKey);
    } catch (e) {
      problems.push(`session.keyEncryptionKey: ${(e as Error).message}`);
    }
  }
  return problems;
}

/**
 * Kakao needs a country for every purchase. Checked when a config file is loaded: a config built in code (a test,
 * an embedding) may choose to let such reports be dead for Kakao with that reason, as the sink does.
 */
export function kakaoCountryProblems(config: RelayConfig): string[] {
  const problems: string[] = [];
  config.games.forEach((g, i) => {
    const kakao = g.sinks.kakao;
    if (kakao && kakao.defaultCountry === undefined) {
      problems.push(
        `games[${i}].sinks.kakao.defaultCountry: required (an ISO 3166-1 alpha-2 code such as "kr"): Kakao needs a country ` +
          'for every purchase, and a report carries one only when the game passes `country` in its context ' +
          '(createPurchaseKit / PurchaseStore); without a default every report without it would be dead for Kakao',
      );
    }
  });
  return problems;
}
