import { buildGamePrePay, classifyPrePay, gamePrePaySig } from '../../../../src/relay/platforms/qq/qq-prepay';

/**
 * The spec gives the GamePrePay formula but no vector. This one is QQ's documented example (the signed string and
 * digest appear together in a public implementation's test notes); the digest was recomputed here with
 * `openssl dgst -sha256 -hmac` from the formula before this test was written, and matches.
 */
const EXAMPLE = {
  sessionKey: 'VUNQZ0hRYURxNlZZbmNOZw==',
  params: {
    amt: 10, app_remark: 'xxxxx', appid: '1107981003', bill_no: '69ae13a3a87f2551109a2ed26bc704201f56d664', good_num: 1, goodid: '43',
    openid: '55107C3B8501CD7CBD90AEE4626E6D17', pf: 'qq_m_qq-2001-android-2011', ts: 1507530737, zone_id: '1',
  },
  sig: '38181bd0acf24eda203655a3be9f2e42b62d4fcf1c1de61a98b0573d13531449',
};

describe('QQ GamePrePay sig', () => {
  it('matches the documented example', () => {
    expect(gamePrePaySig(EXAMPLE.sessionKey, EXAMPLE.params)).toBe(EXAMPLE.sig);
  });

  it('sorts the keys whatever their order, and leaves user_ip and sig out', () => {
    const shuffled = Object.fromEntries(Object.entries(EXAMPLE.params).reverse());
    expect(gamePrePaySig(EXAMPLE.sessionKey, { ...shuffled, user_ip: '10.0.0.1', sig: 'x' })).toBe(EXAMPLE.sig);
  });

  it('changes with any value, the method or the session_key', () => {
    expect(gamePrePaySig(EXAMPLE.sessionKey, { ...EXAMPLE.params, amt: 11 })).not.toBe(EXAMPLE.sig);
    expect(gamePrePaySig(EXAMPLE.sessionKey, EXAMPLE.params, 'GET')).not.toBe(EXAMPLE.sig);
    expect(gamePrePaySig('VUNQZ0hRYURxNlZZbmNOZA==', EXAMPLE.params)).not.toBe(EXAMPLE.sig);
  });

  it('sends the values it signed, with the token in the query only', () => {
    const { url, body } = buildGamePrePay('https://api.q.qq.com', 'TOKEN', EXAMPLE.sessionKey, EXAMPLE.params);
    expect(url.toString()).toBe('https://api.q.qq.com/api/json/openApiPay/GamePrePay?access_token=TOKEN');
    expect(JSON.parse(body)).toEqual({ ...EXAMPLE.params, sig: EXAMPLE.sig });
  });

  it('classifies the answers', () => {
    expect(classifyPrePay(200, '{"errcode":0,"errmsg":"ok","prepayId":"pp1"}')).toEqual({ kind: 'ok', prepayId: 'pp1' });
    expect(classifyPrePay(200, '{"errcode":90010,"errmsg":"x"}')).toEqual({ kind: 'session-expired' });
    expect(classifyPrePay(200, '{"errcode":-3000}')).toEqual({ kind: 'token-invalid' });
    expect(classifyPrePay(200, '{"errcode":90011}')).toEqual({ kind: 'error', detail: 'GamePrePay errcode 90011' });
    expect(classifyPrePay(200, '{"errcode":0}')).toMatchObject({ kind: 'error' });
    expect(classifyPrePay(502, 'x')).toMatchObject({ kind: 'error' });
    expect(classifyPrePay(200, '<html>')).toMatchObject({ kind: 'error' });
  });
});
