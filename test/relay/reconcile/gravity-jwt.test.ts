import { createHmac } from 'node:crypto';
import { gravityJwt, verifyHs256 } from '../../../src/relay/reconcile/gravity-jwt';

describe('gravity Authorization JWT', () => {
  const sign = '081db876bcbc9b4ff006def01bbea1ac';

  it('is the HS256 token computed by hand (openssl dgst -sha256 -hmac <sign>)', () => {
    // header {"alg":"HS256","typ":"JWT"}, payload {"app_key":"k3y"}, signature from
    // echo -n '<header>.<payload>' | openssl dgst -sha256 -hmac 081db876... -binary | base64url
    expect(gravityJwt('k3y', sign)).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBfa2V5IjoiazN5In0.GWZGbfjtRFCOEExd3c9dK7PM2VUjkg0S3yHbEcM2K24',
    );
  });

  it('verifies with the sign as the secret and carries exactly {"app_key": ...}', () => {
    const token = gravityJwt('my app key', sign);
    const v = verifyHs256(token, sign);
    expect(v).toEqual({ ok: true, payload: { app_key: 'my app key' } });
    const [, payload] = token.split('.');
    expect(Buffer.from(payload, 'base64url').toString('utf8')).toBe('{"app_key":"my app key"}');
  });

  it('does not verify with another secret, nor after the payload is swapped', () => {
    const token = gravityJwt('k3y', sign);
    expect(verifyHs256(token, 'another sign')).toEqual({ ok: false, reason: 'JWT signature does not verify' });
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from('{"app_key":"other"}').toString('base64url')}.${s}`;
    expect(verifyHs256(forged, sign).ok).toBe(false);
  });

  it('refuses a token whose header names another algorithm even if its MAC is right', () => {
    const h = Buffer.from('{"alg":"none"}').toString('base64url');
    const p = Buffer.from('{"app_key":"k3y"}').toString('base64url');
    const s = createHmac('sha256', sign).update(`${h}.${p}`).digest('base64url');
    expect(verifyHs256(`${h}.${p}.${s}`, sign)).toEqual({ ok: false, reason: 'JWT alg is not HS256' });
  });
});
