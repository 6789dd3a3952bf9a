import { payEventSig, readPayEvent, WECHAT_PAY_EVENTS } from '../../../../src/relay/platforms/wechat/pay-events';
import { WechatPushSender } from '../../../fakes/upstreams/wechat-push-sender';

const KEYS = { live: 'live-appkey-AAAAAAAAAAAAAAAAAAAAAAAA', sandbox: 'sandbox-appkey-BBBBBBBBBBBBBBBBBBBB' };
const sender = new WechatPushSender({ appId: 'wxgame0001', token: 'push-token', appKeys: KEYS });
const GOODS = { openId: 'oUser1', outTradeNo: 'mp_1', productId: 'gem_60', actualPrice: 600 };

const read = (message: string, keys: { live: string; sandbox?: string } = KEYS) => readPayEvent(JSON.parse(message), keys);

describe('readPayEvent: PayEventSig over the raw Payload', () => {
  it('accepts a correctly signed push', () => {
    expect(read(sender.goods(GOODS).message)).toMatchObject({ kind: 'goods', outTradeNo: 'mp_1', actualPrice: 600 });
  });

  it('PayEventSig is HMAC(AppKey[Env], Event + "&" + Payload) and nothing else', () => {
    const push = sender.goods(GOODS);
    const sig = (JSON.parse(push.message) as { MiniGame: { PayEventSig: string } }).MiniGame.PayEventSig;
    expect(sig).toBe(payEventSig(KEYS.live, WECHAT_PAY_EVENTS.events.goods, push.payload));
    expect(sig).not.toBe(payEventSig(KEYS.live, WECHAT_PAY_EVENTS.events.goods, JSON.stringify(JSON.parse(push.payload), null, 2)));
  });

  it('accepts the same digest in upper-case hex', () => {
    expect(read(sender.goods(GOODS, { upperCaseHex: true }).message)).toMatchObject({ kind: 'goods' });
  });

  it('refuses a Payload re-serialised after signing (same JSON value, other bytes)', () => {
    const push = sender.goods(GOODS, { reserializePayload: true });
    expect(push.payload).not.toBe(JSON.stringify(JSON.parse(push.payload)));
    expect(read(push.message)).toEqual({ kind: 'bad-signature' });
  });

  it('refuses a sig made with the other Env key, both ways, and a wrong key', () => {
    expect(read(sender.goods(GOODS, { sigKey: 'other-env' }).message)).toEqual({ kind: 'bad-signature' });
    expect(read(sender.goods({ ...GOODS, env: 1 }, { sigKey: 'other-env' }).message)).toEqual({ kind: 'bad-signature' });
    expect(read(sender.goods(GOODS, { sigKey: 'wrong' }).message)).toEqual({ kind: 'bad-signature' });
  });

  it('a sandbox push is read with the sandbox key, and is bad-signature when no sandbox key is configured', () => {
    const push = sender.goods({ ...GOODS, env: 1 });
    expect(read(push.message)).toMatchObject({ kind: 'goods', env: 1 });
    expect(read(push.message, { live: KEYS.live })).toEqual({ kind: 'bad-signature' });
    expect(read(push.message, { live: KEYS.live, sandbox: '' })).toEqual({ kind: 'bad-signature' });
  });

  it('refuses a tampered Payload: a changed price, product or Env, with the original sig', () => {
    const push = sender.goods(GOODS);
    const m = JSON.parse(push.message) as { MiniGame: { Payload: string } };
    for (const [from, to] of [
      ['"ActualPrice":600', '"ActualPrice":60000'],
      ['"ProductId":"gem_60"', '"ProductId":"gem_6480"'],
      ['"Env":0', '"Env":1'],
    ]) {
      expect(m.MiniGame.Payload).toContain(from);
      const tampered = { ...m, MiniGame: { ...m.MiniGame, Payload: m.MiniGame.Payload.replace(from, to) } };
      expect(readPayEvent(tampered, KEYS)).toEqual({ kind: 'bad-signature' });
    }
  });

  it('refuses a sig that is truncated, empty, not hex, or signed over another event name', () => {
    for (const bad of ['', 'zz', payEventSig(KEYS.live, 'x', '{}').slice(0, 63)]) {
      expect(read(sender.goods(GOODS, { payEventSig: bad }).message)).toEqual({ kind: 'bad-signature' });
    }
    const push = sender.goods(GOODS);
    const m = JSON.parse(push.message) as { Event: string; MiniGame: { Payload: string } };
    const asRefund = { ...m, Event: WECHAT_PAY_EVENTS.events.refund };
    expect(readPayEvent(asRefund, KEYS)).toEqual({ kind: 'bad-signature' });
  });

  it('the same push read twice gives the same result (a duplicate push is recognisable by outTradeNo)', () => {
    const push = sender.goods(GOODS);
    expect(read(push.message)).toEqual(read(push.message));
  });
});
