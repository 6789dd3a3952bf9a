import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The DESIGN.md example config, as a value to vary. */
export function designConfig(): Record<string, any> {
  return {
    host: '127.0.0.1',
    port: 8787,
    storage: { sqlite: 'data/relay.db' },
    session: { mode: 'wechat', secret: 'env:RELAY_SESSION_SECRET' },
    adminToken: 'env:RELAY_ADMIN_TOKEN',
    games: [
      {
        appId: 'wx1234567891234567',
        wechat: { appSecret: 'env:WECHAT_APP_SECRET', apiBase: 'https://api.weixin.qq.com' },
        catalog: { url: 'https://game.example.com/rechargePurchaseListV2' },
        sinks: {
          tianmu: { url: 'https://h5game-log.kuaiyugo.com/dataAnalysis/saveUserBehaviorLogV2', version: '1.0.0' },
          hive: {
            url: 'https://analytics-log.withhive.com/v1/server-recv', appId: 'com.example.game', gameShort: 'samplegame',
            company: 'C2S', gameIndex: 2414, channel: 'C2S', market: 'TC', serverId: 'CN',
          },
          kakao: {
            url: 'https://openapi-zinny3.game.kakao.com:10443/service/v3/log/writePurchaseLog',
            appId: '103815', appSecret: 'env:KAKAO_APP_SECRET', adminKey: 'env:KAKAO_ADMIN_KEY', defaultCountry: 'kr',
          },
        },
        gravity: {
          url: 'https://backend.gravity-engine.com/openapi/api/v1/report/order/list/',
          appId: 17802622, appKey: 'env:GRAVITY_APP_KEY', minCallIntervalSeconds: 600,
        },
      },
    ],
  };
}

export const ENV = {
  RELAY_SESSION_SECRET: 'session-secret-0123456789abcdef',
  RELAY_ADMIN_TOKEN: 'admin-token-fedcba9876543210',
  WECHAT_APP_SECRET: 'wechat-secret-aaaaaaaaaaaaaaaa',
  KAKAO_APP_SECRET: '951b75bf17fe0885ab5106ba2a9f9bc9',
  KAKAO_ADMIN_KEY: '11118035a320f23423585acae3ded1111',
  GRAVITY_APP_KEY: 'gravity-key-bbbbbbbbbbbbbbbb',
};

/** A temp dir removed by `cleanup()`. */
export function tempDir(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-config-'));
  return {
    dir,
    write: (name, text) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
