import type { PlatformServer } from '../platform-server';
import { checkCallbackUrl } from './douyin-callback';
import { handleDouyinCallback } from './douyin-callback-handler';
import { douyinCode2Session } from './douyin-login';
import { douyinPayment } from './douyin-payment';
import { queryDouyinOrder } from './douyin-query';
import { DOUYIN_TOKEN_SOURCE } from './douyin-token';

/** Douyin mini-games: `v2/jscode2session`, `requestGamePayment` orders, the SHA-1 signed callback, `queryPayState`. */
export const DOUYIN_SERVER: PlatformServer = {
  name: 'douyin',
  label: 'Douyin',
  settings: (game) => game.douyin,
  payConfigured: (game) => game.douyin?.pay !== undefined,
  provesPayments: (game) => game.douyin?.pay !== undefined,
  login(game, code, timeoutMs) {
    const douyin = game.douyin!;
    return douyinCode2Session({ apiBase: douyin.apiBase, appId: game.appId, appSecret: douyin.appSecret, code, timeoutMs });
  },
  createPayment: async (_d, game, o) => douyinPayment(game.douyin!.pay!, o),
  query: queryDouyinOrder,
  tokens: DOUYIN_TOKEN_SOURCE,
  notify: {
    accepts: (game) => game.douyin?.pay !== undefined,
    urlCheck: (game, q) => checkCallbackUrl(game.douyin!.pay!.callbackToken, q),
    handle: (d, game, _q, raw, onResult) => handleDouyinCallback(d, game, raw, onResult),
    unavailable: { status: 503, json: { err_no: 503, err_tips: 'not stored; send again' } },
  },
};
