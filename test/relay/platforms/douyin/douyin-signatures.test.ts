import { createHash } from 'node:crypto';
import { hmacSha256Hex } from '../../../../src/relay/platforms/digests';
import { callbackSignature, checkCallbackUrl, readDouyinCallback } from '../../../../src/relay/platforms/douyin/douyin-callback';
import { classifyDouyinCode2Session } from '../../../../src/relay/platforms/douyin/douyin-login';
import { classifyPayState } from '../../../../src/relay/platforms/douyin/douyin-query';
import { douyinCallback } from '../../../fakes/upstreams/douyin-callback-sender';

const TOKEN = 'douyin-callback-token-0123';
const APP = 'tt1234567890abcdef';

describe('Douyin user signature (spec test vector)', () => {
  it('is HMAC_SHA256(session_key as text, body)', () => {
    expect(hmacSha256Hex('724edcafc423d167724edcbe', '{"foo":"bar"}')).toBe('44b5092fa1c9adba03803239934d4958b8a1840adf0cee8d5e95c1cf5d495e0e');
  });
});

describe('Douyin payment callback signature', () => {
  it('is sha1 of the sorted token, timestamp, nonce and msg, as the spec writes it', () => {
    const parts = [TOKEN, '1700000000', 'abc', '{"a":1}'];
    expect(callbackSignature(TOKEN, '1700000000', 'abc', '{"a":1}')).toBe(createHash('sha1').update([...parts].sort().join('')).digest('hex'));
  });

  it('reads a signed CNY payment', () => {
    const cb = readDouyinCallback(douyinCallback(TOKEN, { appId: APP, orderId: 'ORDER1', amountCent: 600, timestamp: 1700000000 }), TOKEN);
    expect(cb).toEqual({ kind: 'paid', appId: APP, orderId: 'ORDER1', currency: 'CNY', amountCent: 600, amountCoin: 0, channelOrderNo: 'dyORDER1', sentAt: 1700000000000 });
  });

  it('accepts upper-case hex of the same digest', () => {
    expect(readDouyinCallback(douyinCallback(TOKEN, { appId: APP, orderId: 'O', amountCent: 1 }, { upperCaseHex: true }), TOKEN).kind).toBe('paid');
  });

  it('refuses a tampered msg, another token, a re-serialised msg and garbage', () => {
    expect(readDouyinCallback(douyinCallback(TOKEN, { appId: APP, orderId: 'O', amountCent: 600 }, { amountAfterSigning: 60000 }), TOKEN)).toEqual({ kind: 'bad-signature' });
    expect(readDouyinCallback(douyinCallback(TOKEN, { appId: APP, orderId: 'O', amountCent: 600 }, { token: 'another-token-0123456' }), TOKEN)).toEqual({ kind: 'bad-signature' });
    const body = JSON.parse(douyinCallback(TOKEN, { appId: APP, orderId: 'O', amountCent: 600 })) as { msg: string };
    const reserialised = JSON.stringify({ ...body, msg: JSON.stringify(JSON.parse(body.msg), null, 1) });
    expect(readDouyinCallback(reserialised, TOKEN)).toEqual({ kind: 'bad-signature' });
    expect(readDouyinCallback('not json', TOKEN).kind).toBe('malformed');
    expect(readDouyinCallback('{"timestamp":"1","nonce":"n","msg":"{}"}', TOKEN).kind).toBe('malformed');
  });

  it('keeps a DIAMOND payment apart from money, and refuses a CNY payment without amount_cent', () => {
    const diamond = readDouyinCallback(douyinCallback(TOKEN, { appId: APP, orderId: 'O', currency: 'DIAMOND', amountCoin: 60 }), TOKEN);
    expect(diamond).toMatchObject({ kind: 'paid', currency: 'DIAMOND', amountCoin: 60 });
    expect(diamond).not.toHaveProperty('amountCent');
    expect(readDouyinCallback(douyinCallback(TOKEN, { appId: APP, orderId: 'O' }), TOKEN)).toEqual({ kind: 'malformed', reason: 'msg: a CNY payment without amount_cent' });
  });

  it('answers the URL check only with the right signature', () => {
    const sig = callbackSignature(TOKEN, '1', 'n', '');
    expect(checkCallbackUrl(TOKEN, new URLSearchParams({ timestamp: '1', nonce: 'n', signature: sig, echostr: 'hello' }))).toEqual({ ok: true, echostr: 'hello' });
    expect(checkCallbackUrl(TOKEN, new URLSearchParams({ timestamp: '2', nonce: 'n', signature: sig, echostr: 'hello' }))).toEqual({ ok: false });
  });
});

describe('Douyin answers', () => {
  it('classifies jscode2session', () => {
    expect(classifyDouyinCode2Session(200, '{"err_no":0,"err_tips":"success","data":{"openid":"o1","session_key":"k"}}')).toEqual({ ok: true, openid: 'o1', sessionKey: 'k' });
    expect(classifyDouyinCode2Session(200, '{"err_no":40018,"err_tips":"bad code"}')).toMatchObject({ ok: false, kind: 'invalid-code' });
    expect(classifyDouyinCode2Session(200, '{"err_no":40017}')).toMatchObject({ ok: false, kind: 'config' });
    expect(classifyDouyinCode2Session(200, '{"err_no":0,"data":{"openid":"","anonymous_openid":"a"}}')).toMatchObject({ ok: false, kind: 'invalid-code' });
    expect(classifyDouyinCode2Session(500, '')).toMatchObject({ ok: false, kind: 'unavailable' });
  });

  it('classifies queryPayState', () => {
    expect(classifyPayState(200, '{"err_no":0,"status":"success"}')).toEqual({ kind: 'paid' });
    expect(classifyPayState(200, '{"err_no":0,"data":{"status":"success","currency":"DIAMOND"}}')).toEqual({ kind: 'paid', currency: 'DIAMOND' });
    expect(classifyPayState(200, '{"err_no":0,"status":"unsuccess"}')).toEqual({ kind: 'unpaid' });
    expect(classifyPayState(200, '{"err_no":40002}')).toMatchObject({ kind: 'error' });
    expect(classifyPayState(200, '{"status":"maybe"}')).toMatchObject({ kind: 'error' });
  });
});
