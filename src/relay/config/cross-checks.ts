import { PLATFORM_NAMES, SINK_NAMES, type GameConfig, type RelayConfig } from './config-schema';
import { platformOf, revenueMode } from '../platforms';
import { sandboxRevenueProblems } from './sandbox-revenue';
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
    problems.push(...platformProblems(config, g, i));
    const hive = g.sinks.hive;
    if (hive) {
      const at = `games[${i}].sinks.hive`;
      if (hive.gameIndex > 32767) problems.push(`${at}.gameIndex: Hive's game_index is a smallint (at most 32767)`);
      if (!HIVE_SERVER_IDS.has(hive.serverId)) problems.push(`${at}.serverId: ${JSON.stringify(hive.serverId)} is not a Hive server code (GLOBAL, KR, CN-2, ...)`);
      if (!IPV4.test(hive.serverIp)) problems.push(`${at}.serverIp: Hive's server_ip is a dotted IPv4 address`);
    }
  });
  if (config.session.keyEncryptionKey !== undefined && config.games.some((g) => platformOf(g).payConfigured(g))) {
    try {
      parseKeyEncryptionKey(config.session.keyEncryptionKey);
    } catch (e) {
      problems.push(`session.keyEncryptionKey: ${(e as Error).message}`);
    }
  }
  problems.push(...sandboxRevenueProblems(config));
  return problems;
}

/**
 * `session.mode: "wechat"` verifies each game's login with its own platform, so every game needs its platform's
 * block; payments need sealed session keys and the AppKey of their env; `"verified"` needs a proof source.
 */
function platformProblems(config: RelayConfig, g: GameConfig, i: number): string[] {
  const out: string[] = [];
  const platform = platformOf(g);
  const at = `games[${i}].${platform.name}`;
  if (config.session.mode === 'wechat' && platform.settings(g) === undefined) {
    out.push(`${at}: required when session.mode is "wechat" (appSecret for jscode2session)`);
  }
  for (const other of PLATFORM_NAMES) {
    if (other !== g.platform && g[other]?.pay !== undefined) out.push(`games[${i}].${other}.pay: the game's platform is "${g.platform}" (set games[${i}].platform to use it)`);
  }
  if (platform.payConfigured(g)) {
    const sending = SINK_NAMES.filter((s) => g.sinks[s] !== undefined && g.sinks[s]?.capture === undefined);
    if (config.session.mode !== 'wechat' && sending.length > 0) {
      out.push(
        `${at}.pay: needs session.mode "wechat" (orders are signed with the player's session_key); with sandbox sessions ` +
          `a payment config is only for games whose sinks all capture, and games[${i}].sinks.${sending[0]} sends`,
      );
    } else if (config.session.keyEncryptionKey === undefined) out.push(`session.keyEncryptionKey: required when ${at}.pay is set (session keys are sealed at rest)`);
  }
  if (g.platform === 'wechat' && g.wechat?.pay?.env === 1 && g.wechat.pay.sandboxAppKey === undefined) {
    out.push(`games[${i}].wechat.pay.sandboxAppKey: required when wechat.pay.env is 1`);
  }
  if (revenueMode(g) === 'verified' && !platform.provesPayments(g)) {
    out.push(
      platform.name === 'qq'
        ? `games[${i}].revenue: "verified" is not possible on QQ yet: no payment confirmation source is known (platforms/qq/qq-unconfirmed.ts)`
        : `games[${i}].revenue: "verified" needs ${at}.pay (nothing could prove a payment, so no sink would get a purchase)`,
    );
  }
  return out;
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
