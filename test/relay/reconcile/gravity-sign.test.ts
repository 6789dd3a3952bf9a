import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, gravitySign, signingString } from '../../../src/relay/reconcile/gravity-sign';
import { fakeSign } from '../../fakes/gravity/fake-gravity';

// Every expected MD5 below was computed outside this code, with `echo -n '<string>' | md5sum`, from the
// canonical string written next to it by hand.
describe('gravity sign', () => {
  it('sorts the pairs, skips sign, appends the app key: the flat case', () => {
    const body = { page_size: 20, page: 1, app_id: 17802622, sign: 'old value is ignored' };
    expect(signingString(body, 'k3y')).toBe('app_id=17802622&page=1&page_size=20k3y');
    expect(gravitySign(body, 'k3y')).toBe('081db876bcbc9b4ff006def01bbea1ac');
  });

  it('sorts keys at every depth when nested objects arrive unsorted, and strips spaces from the app key too', () => {
    const body = {
      user_filtering: { wx_openid_list: ['o1'], channel_list: ['huawei', 'xiaomi'] },
      event_filtering: { Status: '1', Amount: { values: [5, 10], operator: 'between' } },
      app_id: 1,
    };
    expect(signingString(body, 'AbC 123')).toBe(
      'app_id=1&event_filtering={Amount:{operator:between,values:[5,10]},Status:1}' +
        '&user_filtering={channel_list:[huawei,xiaomi],wx_openid_list:[o1]}AbC123',
    );
    expect(gravitySign(body, 'AbC 123')).toBe('b9eb99baef3ff460f17bc41af7d468bf');
  });

  it('keeps array order and sorts the keys of objects inside arrays', () => {
    const body = { page: 2, order_by_list: [{ sort: 1, field: 'PayCount' }, { sort: 0, field: 'Amount' }] };
    expect(signingString(body, 'secret')).toBe('order_by_list=[{field:PayCount,sort:1},{field:Amount,sort:0}]&page=2secret');
    expect(gravitySign(body, 'secret')).toBe('d401744b9c2c12e7c036d1622dd6ba85');
  });

  it('hashes unicode as UTF-8, with spaces inside values removed', () => {
    const body = { user_filtering: { channel_list: ['华为 渠道'] } };
    expect(signingString(body, '密钥')).toBe('user_filtering={channel_list:[华为渠道]}密钥');
    expect(gravitySign(body, '密钥')).toBe('0e9455ddd052445db196ed3df00ad113');
  });

  it('writes numbers, booleans and null as JSON does, and sorts upper case before lower case (byte order)', () => {
    const body = { alpha: [1.5, -0, 1e21, 0.1, -7], Zeta: { b: { d: [{ y: null, x: true }], c: 1 }, a: 2 } };
    expect(signingString(body, 'key')).toBe('Zeta={a:2,b:{c:1,d:[{x:true,y:null}]}}&alpha=[1.5,0,1e+21,0.1,-7]key');
    expect(gravitySign(body, 'key')).toBe('94ee2d51170e8598f0aa594d878b33e5');
  });

  it('signs the spec sample request (string cross-checked with Python json.dumps(sort_keys=True))', () => {
    const body = JSON.parse(readFileSync(join(__dirname, '../../fakes/gravity/fixtures/gravity-order-list.request.json'), 'utf8'));
    expect(signingString(body, 'test-app-key')).toBe(
      'app_id=17802622&event_filtering={Amount:{operator:inner,values:[3,6]},BackAmount:{operator:between,values:[4,10]},' +
        'PayCount:[6],PayEventTime:[2024-07-11,2024-07-11],PostbackCnt:[555],Status:1,TraceID:[sfsdf],' +
        'UploadTime:[2024-07-10,2024-07-11],event$pay_method:[xxx],event$pay_reason:[df,dfsf]}' +
        '&order_by_list=[{field:PayCount,sort:1},{field:Amount,sort:0}]&page=1&page_size=20&property_condition=[]' +
        '&user_filtering={create_date_list:[2024-07-04,2024-07-11]}test-app-key',
    );
    expect(gravitySign(body, 'test-app-key')).toBe('513388e8a1bbd05c86653b0496851b53');
  });

  it('does not depend on the order the keys were inserted in', () => {
    const a = { x: { p: 1, q: [{ m: 1, n: 2 }] }, y: 'v' };
    const b = { y: 'v', x: { q: [{ n: 2, m: 1 }], p: 1 } };
    expect(gravitySign(a, 'k')).toBe(gravitySign(b, 'k'));
    expect(canonicalJson(b)).toBe('{"x":{"p":1,"q":[{"m":1,"n":2}]},"y":"v"}');
  });

  it('changes when any value changes (a forged page number does not pass)', () => {
    expect(gravitySign({ page: 1 }, 'k')).not.toBe(gravitySign({ page: 2 }, 'k'));
    expect(gravitySign({ page: 1 }, 'k')).not.toBe(gravitySign({ page: 1 }, 'K'));
  });

  it('agrees with the fake server\'s independent implementation on every vector above', () => {
    const bodies: Record<string, unknown>[] = [
      { page_size: 20, page: 1, app_id: 17802622 },
      { user_filtering: { wx_openid_list: ['o1'], channel_list: ['huawei', 'xiaomi'] }, event_filtering: { Status: '1' } },
      { alpha: [1.5, -0, 1e21, 0.1, -7], Zeta: { b: { d: [{ y: null, x: true }], c: 1 }, a: 2 } },
      { user_filtering: { channel_list: ['华为 渠道'] } },
    ];
    for (const body of bodies) expect(gravitySign(body, 'AbC 123')).toBe(fakeSign(body, 'AbC 123'));
  });

  it('refuses a value with no JSON form rather than signing something the server cannot recompute', () => {
    expect(() => canonicalJson({ a: [() => 1] })).toThrow(TypeError);
  });
});
