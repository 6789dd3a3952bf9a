import { buildGameItemSignData } from '../../../../src/relay/platforms/wechat/midas-sign';

describe('buildGameItemSignData', () => {
  it('is the exact JSON string, keys in the documented order', () => {
    const s = buildGameItemSignData({
      offerId: '1450000001',
      buyQuantity: 1,
      env: 0,
      zoneId: '1',
      productId: 'gem_60',
      goodsPrice: 600,
      outTradeNo: 'mp_0001-A',
      attach: 'ord_1',
    });
    expect(s).toBe(
      '{"mode":"goods","offerId":"1450000001","buyQuantity":1,"env":0,"currencyType":"CNY","platform":"android",' +
        '"zoneId":"1","productId":"gem_60","goodsPrice":600,"outTradeNo":"mp_0001-A","attach":"ord_1"}',
    );
  });

  it('ignores extra properties of the argument and escapes strings as JSON', () => {
    const order = {
      offerId: 'o',
      buyQuantity: 2,
      env: 1 as const,
      zoneId: '2',
      productId: 'p"x',
      goodsPrice: 1,
      outTradeNo: 't',
      attach: '中',
      extra: 'nope',
    };
    const s = buildGameItemSignData(order);
    expect(s).not.toContain('extra');
    expect(JSON.parse(s)).toEqual({
      mode: 'goods', offerId: 'o', buyQuantity: 2, env: 1, currencyType: 'CNY', platform: 'android',
      zoneId: '2', productId: 'p"x', goodsPrice: 1, outTradeNo: 't', attach: '中',
    });
  });
});
