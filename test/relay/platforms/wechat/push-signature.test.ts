import { createHash } from 'node:crypto';
import { hexEquals, sha1SortedHex } from '../../../../src/relay/platforms/digests';
import { OFFICIAL } from './official-msg-crypt-vector';

describe('sha1SortedHex', () => {
  it('is sha1 of the sorted parts joined with nothing, lowercase hex', () => {
    const expected = createHash('sha1').update('1409304348tokenxxxxxx').digest('hex');
    expect(sha1SortedHex(['token', '1409304348', 'xxxxxx'])).toBe(expected);
    expect(sha1SortedHex(['xxxxxx', 'token', '1409304348'])).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{40}$/);
  });

  it('does not reorder its argument', () => {
    const parts = ['b', 'a'];
    sha1SortedHex(parts);
    expect(parts).toEqual(['b', 'a']);
  });

  it('matches the official msg_signature vectors (token, timestamp, nonce, Encrypt)', () => {
    const m = OFFICIAL.message;
    expect(sha1SortedHex([OFFICIAL.token, m.timestamp, m.nonce, m.encrypt])).toBe(m.msgSignature);
    const u = OFFICIAL.urlCheck;
    expect(sha1SortedHex([OFFICIAL.token, u.timestamp, u.nonce, u.echostr])).toBe(u.msgSignature);
  });

  it('a changed part changes the signature', () => {
    const m = OFFICIAL.message;
    expect(sha1SortedHex([OFFICIAL.token, m.timestamp, '1372623148', m.encrypt])).not.toBe(m.msgSignature);
  });
});

describe('hexEquals', () => {
  const digest = sha1SortedHex(['a', 'b', 'c']);

  it('accepts the same digest, in lower or upper case', () => {
    expect(hexEquals(digest, digest)).toBe(true);
    expect(hexEquals(digest, digest.toUpperCase())).toBe(true);
  });

  it('refuses another digest, a prefix, an extension, non-hex and non-strings', () => {
    const flipped = (digest[0] === '0' ? '1' : '0') + digest.slice(1);
    expect(hexEquals(digest, flipped)).toBe(false);
    expect(hexEquals(digest, digest.slice(0, 38))).toBe(false);
    expect(hexEquals(digest, digest + '00')).toBe(false);
    expect(hexEquals(digest, digest.slice(0, 39) + 'g')).toBe(false);
    expect(hexEquals(digest, digest.slice(0, 39) + ' ')).toBe(false);
    expect(hexEquals(digest, '')).toBe(false);
    expect(hexEquals(digest, undefined)).toBe(false);
    expect(hexEquals(digest, 42)).toBe(false);
    expect(hexEquals('', '')).toBe(false);
  });

  it('an odd-length hex string the same length as expected is false, not a throw', () => {
    expect(hexEquals('abc', 'abc')).toBe(false);
  });
});
