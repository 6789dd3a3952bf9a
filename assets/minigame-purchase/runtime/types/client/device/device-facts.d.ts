import type { DeviceFacts } from '../../shared/schemas/purchase-report';
/** The device APIs a mini-game base library may offer; any may be missing (old base library) or throw. */
export interface DeviceApis {
    getDeviceInfo?: () => {
        brand?: string;
        model?: string;
        platform?: string;
        system?: string;
    };
    getAppBaseInfo?: () => {
        SDKVersion?: string;
        language?: string;
    };
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
export declare function collectDeviceFacts(api: DeviceApis): CollectedFacts;
