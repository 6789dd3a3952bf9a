import type { Platform, PlatformName } from './platform';
import type { PaymentOptions } from './payment-options';
import { createWxPlatform, wxAvailable } from './wx';
import { createQqPlatform, qqAvailable } from './qq';
import { createTtPlatform, ttAvailable } from './tt';
import { createWebPlatform } from './web';

/**
 * Which host we run in. QQ and Douyin are checked first because their runtimes may also expose a `wx` alias;
 * anything else is the web sandbox.
 */
export function detectPlatform(): PlatformName {
  if (ttAvailable()) return 'tt';
  if (qqAvailable()) return 'qq';
  if (wxAvailable()) return 'wx';
  return 'web';
}

export function createPlatform(name: PlatformName = detectPlatform(), payment: PaymentOptions = {}): Platform {
  switch (name) {
    case 'wx':
      return createWxPlatform({ payment });
    case 'qq':
      return createQqPlatform({ payment });
    case 'tt':
      return createTtPlatform({ payment });
    default:
      return createWebPlatform();
  }
}
