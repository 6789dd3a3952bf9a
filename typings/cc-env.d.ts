/**
 * Build-time flags Cocos Creator injects as the `cc/env` module. The editor provides them at build time; this
 * declaration lets `tsconfig.cocos.json` type-check components that branch on the target platform.
 */
declare module 'cc/env' {
  export const BUILD: boolean;
  export const PREVIEW: boolean;
  export const EDITOR: boolean;
  export const DEBUG: boolean;
  export const DEV: boolean;
  export const TEST: boolean;
  export const JSB: boolean;
  export const NATIVE: boolean;
  export const HTML5: boolean;
  export const MINIGAME: boolean;
  export const RUNTIME_BASED: boolean;
  export const WECHAT: boolean;
  export const WECHAT_MINI_PROGRAM: boolean;
  export const QQ: boolean;
  export const BYTEDANCE: boolean;
  export const BAIDU: boolean;
  export const ALIPAY: boolean;
  export const TAOBAO: boolean;
  export const XIAOMI: boolean;
  export const OPPO: boolean;
  export const VIVO: boolean;
  export const HUAWEI: boolean;
  export const MOBILE: boolean;
}
