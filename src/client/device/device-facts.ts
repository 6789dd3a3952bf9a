import type { DeviceFacts } from '../../shared/schemas/purchase-report';
import { attempt, dropUndefined } from '../best-effort';

/** The device APIs a mini-game base library may offer; any may be missing (old base library) or throw. */
export interface DeviceApis {
  getDeviceInfo?: () => { brand?: string; model?: string; platform?: string; system?: string };
  getAppBaseInfo?: () => { SDKVersion?: string; language?: string };
  getSystemInfoSync?: () => {
    brand?: string;
    model?: string;
    platform?: string;
    system?: string;
    SDKVersion?: string;
    language?: string;
  };
}

export interface CollectedFacts {
  facts: DeviceFacts;
  /** The raw `platform` (`ios`, `android`, `devtools`, ...): payment availability depends on it. */
  platform?: string;
}

/**
 * Device facts from the current APIs, falling back to `getSystemInfoSync` for whatever they could not give.
 * Never throws: a broken API just leaves its fields out.
 */
export function collectDeviceFacts(api: DeviceApis): CollectedFacts {
  const device = call(api.getDeviceInfo);
  const base = call(api.getAppBaseInfo);
  const legacy = !device || !base ? call(api.getSystemInfoSync) : undefined;
  const d = device || legacy || {};
  const b = base || legacy || {};
  const platform = str(d.platform, 32)?.toLowerCase();
  const facts: DeviceFacts = {
    type: platform === 'ios' ? 2 : platform === 'android' ? 3 : 1,
    brand: str(d.brand, 64),
    model: str(d.model, 128),
    os: platform,
    osVersion: str(osVersion(d.system), 64),
    language: str(b.language, 32),
    platformVersion: str(b.SDKVersion, 64),
  };
  return { facts: dropUndefined(facts), platform };
}

function call<T>(fn: (() => T) | undefined): T | undefined {
  const v = typeof fn === 'function' ? attempt(fn) : undefined;
  return v && typeof v === 'object' ? v : undefined;
}

/** "iOS 10.0.1" → "10.0.1", "Android 10" → "10". */
function osVersion(system: unknown): string | undefined {
  if (typeof system !== 'string') return undefined;
  const m = /(\d[\w.]*)/.exec(system);
  return m ? m[1] : system;
}

function str(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v ? v.slice(0, max) : undefined;
}
