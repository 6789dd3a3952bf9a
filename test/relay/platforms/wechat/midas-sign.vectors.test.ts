import { createHmac } from 'node:crypto';
import { hmacSha256Hex } from '../../../../src/relay/platforms/digests';
import { apiPaySig, gameItemPaySig, userSignature } from '../../../../src/relay/platforms/wechat/midas-sign';

/** The spec's test vectors (platform-payment-verification.md, "Test vectors"): exact hex. */
const BODY = '{"offer_id": "12345678", "openid": "oUrsfxxxxxxxxxx", "ts": 1668136271, "zone_id": "1", "env": 0}';
const SESSION_KEY = '9hAb/NEYUlkaMBEsmFgzig==';

describe('Midas signatures against the spec vectors', () => {
  it('pay_sig of the official signature doc', () => {
    expect(apiPaySig('12345', '/wxa/game/getbalance', BODY)).toBe(
      '11bac6388871d29c055c7d16fbe42e8d646855b666faf89b15c815218b1b23bd',
    );
  });

  it('signature with the session_key used as its base64 text', () => {
    expect(userSignature(SESSION_KEY, BODY)).toBe('42fe1d3341fb1c8bd6f5014ba735ab04eacc80a2deb3ab4669eab4700b5b6729');
  });

  it('the decoded session_key bytes would NOT match the vector (the form is settled by the vector)', () => {
    const withBytes = createHmac('sha256', Buffer.from(SESSION_KEY, 'base64')).update(BODY).digest('hex');
    expect(withBytes).not.toBe('42fe1d3341fb1c8bd6f5014ba735ab04eacc80a2deb3ab4669eab4700b5b6729');
  });

  it('the Douyin user signature is the same HMAC (shared primitive)', () => {
    expect(hmacSha256Hex('724edcafc423d167724edcbe', '{"foo":"bar"}')).toBe(
      '44b5092fa1c9adba03803239934d4958b8a1840adf0cee8d5e95c1cf5d495e0e',
    );
  });

  it('one changed byte of the body (a re-serialised body) changes pay_sig', () => {
    const compact = JSON.stringify(JSON.parse(BODY));
    expect(apiPaySig('12345', '/wxa/game/getbalance', compact)).not.toBe(apiPaySig('12345', '/wxa/game/getbalance', BODY));
  });

  it('gameItemPaySig prefixes requestMidasPaymentGameItem&', () => {
    const signData = '{"mode":"goods"}';
    expect(gameItemPaySig('k', signData)).toBe(hmacSha256Hex('k', 'requestMidasPaymentGameItem&{"mode":"goods"}'));
    expect(gameItemPaySig('k', signData)).not.toBe(hmacSha256Hex('k', signData));
  });
});
