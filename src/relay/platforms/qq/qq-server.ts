import { code2session } from '../../session/wechat-code2session';
import type { PaymentMade, PlatformServer } from '../platform-server';
import { gamePrePay } from './qq-prepay';
import { QQ_TOKEN_SOURCE } from './qq-token';
import { QQ_UNCONFIRMED } from './qq-unconfirmed';

/**
 * QQ mini-games: code2session (WeChat's shape on `api.q.qq.com`), and `GamePrePay` for each order, whose
 * `prepayId` the client passes to `qq.requestMidasPayment`. What would prove a QQ payment is UNCONFIRMED
 * (`qq-unconfirmed.ts`): until it is known, QQ games run `revenue: "reported"`.
 */
export const QQ_SERVER: PlatformServer = {
  name: 'qq',
  label: 'QQ',
  settings: (game) => game.qq,
  payConfigured: (game) => game.qq?.pay !== undefined,
  provesPayments: (game) => game.qq?.pay !== undefined && QQ_UNCONFIRMED.confirmationSource !== undefined,
  login(game, code, timeoutMs) {
    const qq = game.qq!;
    return code2session({ apiBase: qq.apiBase, appId: game.appId, appSecret: qq.appSecret, code, timeoutMs });
  },
  async createPayment(d, game, o): Promise<PaymentMade> {
    const qq = game.qq!;
    const pay = qq.pay!;
    const amount = o.unitPrice * o.quantity;
    if (amount % pay.starPrice !== 0) {
      return { ok: false, kind: 'not-payable', message: `productId: ${amount} fen is not a whole number of star currency at starPrice ${pay.starPrice} fen` };
    }
    const amt = amount / pay.starPrice;
    const params = {
      openid: o.openid, appid: game.appId, ts: Math.floor(d.now() / 1000), zone_id: pay.zoneId, pf: pay.pf, amt,
      bill_no: o.orderId, goodid: o.productId, good_num: o.quantity, app_remark: pay.appRemark,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await d.accessTokens.get(game);
      if (!token.ok) return { ok: false, kind: 'unavailable', message: `QQ access token: ${token.detail}` };
      const answer = await gamePrePay(qq.apiBase, token.token, o.sessionKey, params, d.timeoutMs);
      switch (answer.kind) {
        case 'ok':
          return { ok: true, env: pay.env, payment: { api: 'requestMidasPayment', prepayId: answer.prepayId, starCurrency: amt, setEnv: pay.env } };
        case 'session-expired':
          await d.sessionKeys.markStale(game.appId, o.openid, d.now());
          return { ok: false, kind: 'session-stale', message: 'QQ refused the session of this player (90010): log in again and retry' };
        case 'token-invalid':
          await d.accessTokens.invalidate(game.appId);
          continue;
        case 'error':
          d.log.warn({ appId: game.appId, detail: answer.detail }, 'qq GamePrePay failed');
          return { ok: false, kind: 'unavailable', message: `QQ GamePrePay failed (${answer.detail}); retry later` };
      }
    }
    return { ok: false, kind: 'unavailable', message: 'QQ refused its access token twice; retry later' };
  },
  async query() {
    return { kind: 'wait', note: 'QQ: no payment confirmation source is known (qq-unconfirmed.ts)' };
  },
  tokens: QQ_TOKEN_SOURCE,
};
