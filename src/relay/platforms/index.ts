import type { GameConfig, PlatformName } from '../config/config-schema';
import { DOUYIN_SERVER } from './douyin/douyin-server';
import type { PlatformServer } from './platform-server';
import { QQ_SERVER } from './qq/qq-server';
import { WECHAT_SERVER } from './wechat/wechat-server';

export type { NotifyAnswer, PaymentMade, PaymentOrder, PlatformDeps, PlatformServer } from './platform-server';

/**
 * Every platform's server side, one line each (`games[].platform` names them: `PLATFORM_NAMES` in the config
 * schema, which this record must cover). Adding a platform is its folder, its name there and its line here.
 */
export const PLATFORMS: Readonly<Record<PlatformName, PlatformServer>> = {
  wechat: WECHAT_SERVER,
  douyin: DOUYIN_SERVER,
  qq: QQ_SERVER,
};

/** The server side of the game's platform. */
export function platformOf(game: GameConfig): PlatformServer {
  return PLATFORMS[game.platform];
}

/**
 * The revenue mode of a game: as configured, else `"verified"` when its platform can prove its payments (WeChat or
 * Douyin with `pay` set), `"reported"` otherwise (no payment config, or QQ: see `qq/qq-unconfirmed.ts`).
 */
export function revenueMode(game: GameConfig): 'verified' | 'reported' {
  return game.revenue ?? (platformOf(game).provesPayments(game) ? 'verified' : 'reported');
}
