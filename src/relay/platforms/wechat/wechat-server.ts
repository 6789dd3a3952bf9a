import { code2session } from '../../session/wechat-code2session';
import type { PlatformServer } from '../platform-server';
import { answerUrlCheck, handleWechatPush } from './push-handler';
import { WECHAT_TOKEN_SOURCE } from './stable-token';
import { wechatPayment } from './wechat-payment';
import { queryWechatOrder } from './wechat-query';

/** WeChat mini-games: `jscode2session`, Midas orders signed with the AppKey, payment pushes, `queryorderinfo`. */
export const WECHAT_SERVER: PlatformServer = {
  name: 'wechat',
  label: 'WeChat',
  settings: (game) => game.wechat,
  payConfigured: (game) => game.wechat?.pay !== undefined,
  provesPayments: (game) => game.wechat?.pay !== undefined,
  login(game, code, timeoutMs) {
    const wechat = game.wechat!;
    return code2session({ apiBase: wechat.apiBase, appId: game.appId, appSecret: wechat.appSecret, code, timeoutMs });
  },
  async createPayment(_d, game, o) {
    const pay = game.wechat!.pay!;
    const made = wechatPayment(pay, o);
    return made.ok ? { ok: true, payment: made.payment, env: pay.env } : { ok: false, kind: 'not-payable', message: made.message };
  },
  query: (d, game, order) => queryWechatOrder(d, game, order),
  tokens: WECHAT_TOKEN_SOURCE,
  notify: {
    accepts: (game) => game.wechat?.pay?.push !== undefined,
    urlCheck: answerUrlCheck,
    async handle(d, game, q, raw, onResult) {
      const answer = await handleWechatPush({ payments: d.payments, prove: d.prove, now: d.now, log: d.log, onPush: onResult }, game, q, raw);
      return { status: answer.status, json: answer.body };
    },
    unavailable: { status: 503, json: { ErrCode: 50001, ErrMsg: 'not stored; send again' } },
  },
};
