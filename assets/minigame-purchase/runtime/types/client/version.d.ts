/** Sent as `sdkVersion` in every report; a test keeps it equal to package.json's version. */
export declare const SDK_VERSION = "0.1.0";
