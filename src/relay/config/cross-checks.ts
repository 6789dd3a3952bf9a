import { PLATFORM_NAMES, SINK_NAMES, type GameConfig, type RelayConfig } from './config-schema';
import { platformOf, revenueMode } from '../platforms';
import { sandboxRevenueProblems } from './sandbox-revenue';
import { SINKS } from '../sinks';
import { parseKeyEncryptionKey } from '../session/session-key-box';

/**
 * Rules across keys, and each sink's rules the schema does not state (`Sink.configProblems`: Hive's smallint). Run by the
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
    problems.push(...sinkProblems(g, i, 'configProblems'));
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
 * The rules each sink checks only when a config file is loaded (`Sink.loadProblems`: Kakao needs a country for every
 * purchase): a config built in code (a test, an embedding) may choose to let such reports be dead for that sink.
 */
export function sinkLoadProblems(config: RelayConfig): string[] {
  return config.games.flatMap((g, i) => sinkProblems(g, i, 'loadProblems'));
}

/** Each enabled sink's own rules of one game, in `SINKS` order. */
function sinkProblems(g: GameConfig, i: number, rules: 'configProblems' | 'loadProblems'): string[] {
  return SINKS.flatMap((sink) => {
    const block: unknown = sink.configOf(g);
    return block === undefined ? [] : (sink[rules]?.(block, `games[${i}].sinks.${sink.name}`) ?? []);
  });
}
