import fc from 'fast-check';
import { classifyCode2Session } from '../../../src/relay/session/wechat-code2session';

describe('jscode2session answers', () => {
  it('takes the openid and the session_key, and drops the rest', () => {
    const r = classifyCode2Session(200, JSON.stringify({ openid: 'oABC', session_key: 'sk-secret', unionid: 'u' }));
    // The session_key goes on to be sealed at rest (SessionKeys.save); unionid and the rest are dropped.
    expect(r).toEqual({ ok: true, openid: 'oABC', sessionKey: 'sk-secret' });
  });

  it.each([
    [40029, 'invalid-code'],
    [40163, 'invalid-code'],
    [40226, 'invalid-code'],
    [45011, 'rate-limited'],
    [40013, 'config'],
    [40125, 'config'],
    [-1, 'unavailable'],
    [99999, 'unavailable'],
  ])('errcode %d → %s', (errcode, kind) => {
    expect(classifyCode2Session(200, JSON.stringify({ errcode, errmsg: 'x' }))).toMatchObject({ ok: false, kind });
  });

  it('treats errcode 0 with an openid as success', () => {
    expect(classifyCode2Session(200, JSON.stringify({ errcode: 0, openid: 'o1', session_key: 'k' }))).toEqual({ ok: true, openid: 'o1', sessionKey: 'k' });
  });

  it('classifies garbage, wrong shapes and HTTP errors as unavailable', () => {
    for (const [s, b] of [[200, 'not json'], [200, '[]'], [200, '{"openid": 5}'], [200, 'null'], [500, '{"openid":"o"}'], [302, '']] as const) {
      expect(classifyCode2Session(s, b)).toMatchObject({ ok: false, kind: 'unavailable' });
    }
  });

  it('never throws, whatever the status and body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.oneof(fc.string(), fc.json()), (status, body) => {
        const r = classifyCode2Session(status, body);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
