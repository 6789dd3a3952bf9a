import { payEventSig, readPayEvent, WECHAT_PAY_EVENTS } from '../../../../src/relay/platforms/wechat/pay-events';
import { WechatPushSender } from '../../../fakes/upstreams/wechat-push-sender';

const KEYS = { live: 'live-appkey-AAAAAAAAAAAAAAAAAAAAAAAA', sandbox: 'sandbox-appkey-BBBBBBBBBBBBBBBBBBBB' };
const NOW_S = 1_760_000_000;
const sender = new WechatPushSender({ appId: 'wxgame0001', token: 'push-token', appKeys: KEYS, now: () => NOW_S });
const read = (message: string) => readPayEvent(JSON.parse(message), KEYS);

/** A push message around a hand-written Payload string, signed with the live key. */
function signed(event: string, payload: string, extra: { IsMock?: boolean } = {}): unknown {
  return {
    ToUserName: 'gh_x',
    FromUserName: 'oU',
    CreateTime: NOW_S,
    MsgType: 'event',
    Event: event,
    MiniGame: { Payload: payload, PayEventSig: payEventSig(KEYS.live, event, payload), IsMock: extra.IsMock ?? false },
  };
}

describe('readPayEvent: the three payment events', () => {
  it('goods: every field, the price in fen, CreateTime in ms', () => {
    const push = sender.goods({
      openId: 'oUser1',
      outTradeNo: 'mp_1',
      productId: 'gem_60',
      actualPrice: 540,
      origPrice: 600,
      quantity: 2,
      zoneId: '3',
      attach: 'ord_77',
      transactionId: '4200001',
      mchOrderNo: 'mch1',
    });
    expect(read(push.message)).toEqual({
      kind: 'goods',
      env: 0,
      openId: 'oUser1',
      outTradeNo: 'mp_1',
      productId: 'gem_60',
      quantity: 2,
      actualPrice: 540,
      origPrice: 600,
      zoneId: '3',
      attach: 'ord_77',
      createTime: NOW_S * 1000,
      transactionId: '4200001',
      mchOrderNo: 'mch1',
    });
  });

  it('coins: ActualPrice, or TotalPrice as the examples show', () => {
    const base = { openId: 'oUser2', outTradeNo: 'mp_2', buyQuantity: 60, price: 600, transactionId: 't', mchOrderNo: 'm' };
    const expected = {
      kind: 'coins', env: 0, openId: 'oUser2', outTradeNo: 'mp_2', quantity: 60, actualPrice: 600, origPrice: 600,
      zoneId: '1', createTime: NOW_S * 1000, transactionId: 't', mchOrderNo: 'm',
    };
    expect(read(sender.coins(base).message)).toEqual(expected);
    const total = sender.coins({ ...base, priceField: 'TotalPrice' });
    expect(total.payload).toContain('"TotalPrice":600');
    expect(total.payload).not.toContain('ActualPrice');
    expect(read(total.message)).toEqual(expected);
  });

  it('coins: ActualPrice wins over TotalPrice, and neither is malformed', () => {
    const ev = WECHAT_PAY_EVENTS.events.coins;
    const both = '{"OpenId":"o","OutTradeNo":"t","Env":0,"CoinInfo":{"ActualPrice":100,"TotalPrice":900,"BuyQuantity":10}}';
    expect(readPayEvent(signed(ev, both), KEYS)).toMatchObject({ kind: 'coins', actualPrice: 100 });
    const neither = '{"OpenId":"o","OutTradeNo":"t","Env":0,"CoinInfo":{"BuyQuantity":10}}';
    expect(readPayEvent(signed(ev, neither), KEYS)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('ActualPrice or TotalPrice') });
  });

  it('refund: amount in fen, with or without OpenId', () => {
    expect(read(sender.refund({ outTradeNo: 'mp_1', refundId: 'r1', refundAmount: 540, openId: 'oUser1' }).message)).toEqual({
      kind: 'refund', env: 0, outTradeNo: 'mp_1', refundId: 'r1', refundAmount: 540, refundSource: 1, openId: 'oUser1', createTime: NOW_S * 1000,
    });
    const noOpenId = read(sender.refund({ outTradeNo: 'mp_1', refundId: 'r2', refundAmount: 1 }).message);
    expect(noOpenId).toMatchObject({ kind: 'refund', refundId: 'r2' });
    expect(noOpenId).not.toHaveProperty('openId');
  });

  it('a sandbox payment says env 1 (never revenue: the caller decides)', () => {
    expect(read(sender.coins({ openId: 'o', outTradeNo: 't', buyQuantity: 1, price: 100, env: 1 }).message)).toMatchObject({ kind: 'coins', env: 1 });
  });

  it('amounts as digit strings are read as numbers; negative or fractional ones are malformed', () => {
    const ev = WECHAT_PAY_EVENTS.events.refund;
    expect(readPayEvent(signed(ev, '{"RefundId":"r","RefundAmount":"250","Env":0,"OutTradeNo":"t"}'), KEYS)).toMatchObject({ refundAmount: 250 });
    expect(readPayEvent(signed(ev, '{"RefundId":"r","RefundAmount":-1,"Env":0,"OutTradeNo":"t"}'), KEYS)).toMatchObject({ kind: 'malformed' });
    expect(readPayEvent(signed(ev, '{"RefundId":"r","RefundAmount":2.5,"Env":0,"OutTradeNo":"t"}'), KEYS)).toMatchObject({ kind: 'malformed' });
  });
});

describe('readPayEvent: mock, other events, malformed', () => {
  it('IsMock: acknowledged as mock whatever the sig, when the types are right', () => {
    const push = sender.goods({ openId: 'o', outTradeNo: 't', productId: 'p', actualPrice: 1 }, { isMock: true, sigKey: 'wrong' });
    expect(read(push.message)).toEqual({ kind: 'mock', event: WECHAT_PAY_EVENTS.events.goods });
  });

  it('IsMock with wrongly typed fields is malformed, not mock', () => {
    const bad = signed(WECHAT_PAY_EVENTS.events.goods, '{"OpenId":"o","Env":0,"OutTradeNo":"t","GoodsInfo":{"ProductId":"p","Quantity":"x","ActualPrice":1}}', { IsMock: true });
    expect(readPayEvent(bad, KEYS)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('GoodsInfo.Quantity') });
  });

  it('other events are ignored, whatever else they carry', () => {
    expect(readPayEvent({ MsgType: 'event', Event: 'user_enter_tempsession' }, KEYS)).toEqual({ kind: 'ignored', event: 'user_enter_tempsession' });
    expect(readPayEvent({ MsgType: 'text', Event: WECHAT_PAY_EVENTS.events.goods }, KEYS)).toMatchObject({ kind: 'ignored' });
  });

  it('a signed Payload missing a required field is malformed (after the signature held)', () => {
    const ev = WECHAT_PAY_EVENTS.events.goods;
    const noPrice = '{"OpenId":"o","Env":0,"OutTradeNo":"t","GoodsInfo":{"ProductId":"p","Quantity":1}}';
    expect(readPayEvent(signed(ev, noPrice), KEYS)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('ActualPrice') });
  });

  it('malformed envelopes, Payloads and Env values, and never a throw', () => {
    const ev = WECHAT_PAY_EVENTS.events.goods;
    expect(readPayEvent(signed(ev, 'not json'), KEYS)).toEqual({ kind: 'malformed', reason: 'Payload is not JSON' });
    expect(readPayEvent(signed(ev, '{"Env":2}'), KEYS)).toMatchObject({ kind: 'malformed' });
    expect(readPayEvent(signed(ev, '[1,2]'), KEYS)).toMatchObject({ kind: 'malformed' });
    const ok = signed(ev, '{}') as { MiniGame: object };
    expect(readPayEvent({ ...ok, MiniGame: undefined }, KEYS)).toMatchObject({ kind: 'malformed' });
    expect(readPayEvent({ ...ok, CreateTime: 'yesterday' }, KEYS)).toMatchObject({ kind: 'malformed' });
    for (const garbage of [null, undefined, 42, 'x', [], {}, { MsgType: 'event' }]) {
      expect(readPayEvent(garbage, KEYS)).toMatchObject({ kind: 'malformed' });
    }
  });

  it('malformed reasons name fields, never values', () => {
    const ev = WECHAT_PAY_EVENTS.events.goods;
    const r = readPayEvent(signed(ev, '{"OpenId":"secret-openid-value","Env":0,"OutTradeNo":123}'), KEYS);
    expect(r.kind).toBe('malformed');
    expect(JSON.stringify(r)).not.toContain('secret-openid-value');
  });
});
