import type { Platform, PlatformName } from './platform';
import type { PaymentOptions } from './payment-options';
import { createWxPlatform, wxAvailable } from './wx';
import { createQqPlatform, qqAvailable } from './qq';
import { createTtPlatform, ttAvailable } from './tt';

/**
 * Which host we run in. QQ and Douyin are checked first because their runtimes may also expose a `wx` alias;
 * anything else is `web` (a browser, Node).
 */
export function detectPlatform(): PlatformName {
  if (ttAvailable()) return 'tt';
  if (qqAvailable()) return 'qq';
  if (wxAvailable()) return 'wx';
  return 'web';
}

/**
 * What `createPlatform` says outside a mini-game. The web sandbox is not in the npm entry: a mini-game's release build
 * would ship it for nothing. The Cocos drop-in and the demo's runtime fall back to it themselves.
 */
export const NO_PLATFORM = "no wx, qq or tt here: in a browser pass createPurchaseKit({ platform: createWebPlatform() }), from 'minigame-purchase/web'";

/** The adapter of `name` (default: the detected host). Throws `NO_PLATFORM` for `web`, which only the caller can build. */
export function createPlatform(name: PlatformName = detectPlatform(), payment: PaymentOptions = {}): Platform {
  switch (name) {
    case 'wx':
      return createWxPlatform({ payment });
    case 'qq':
      return createQqPlatform({ payment });
    case 'tt':
      return createTtPlatform({ payment });
    default:
      throw new Error(NO_PLATFORM);
  }
}
