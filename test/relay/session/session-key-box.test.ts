import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { openSecret, parseKeyEncryptionKey, sealSecret } from '../../../src/relay/session/session-key-box';

const KEK = randomBytes(32);
const AAD = 'wxgame0001\noUser1';
const SESSION_KEY = '9hAb/NEYUlkaMBEsmFgzig==';

describe('parseKeyEncryptionKey', () => {
  it('reads 44 base64 characters or 64 hex digits as the same 32 bytes', () => {
    const raw = randomBytes(32);
    expect(parseKeyEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseKeyEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseKeyEncryptionKey(raw.toString('hex').toUpperCase()).equals(raw)).toBe(true);
    expect(parseKeyEncryptionKey(` ${raw.toString('base64')}\n`).equals(raw)).toBe(true);
  });

  it('throws a clear message that never echoes the value', () => {
    const bad = [
      'correct-horse-battery-staple-value',
      randomBytes(16).toString('base64'),
      randomBytes(31).toString('hex'),
      randomBytes(32).toString('base64url'),
      randomBytes(33).toString('base64'),
      '',
      '0'.repeat(64),
      Buffer.alloc(32, 7).toString('base64'),
    ];
    for (const value of bad) {
      let message = '';
      try {
        parseKeyEncryptionKey(value);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/session\.keyEncryptionKey/);
      if (value.length > 0) expect(message).not.toContain(value);
      if (value.length > 8) expect(message).not.toContain(value.slice(0, 8));
    }
  });
});

describe('sealSecret / openSecret', () => {
  it('round-trips, with the v1 format and a fresh IV each time', () => {
    const a = sealSecret(KEK, SESSION_KEY, AAD);
    const b = sealSecret(KEK, SESSION_KEY, AAD);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(SESSION_KEY);
    expect(openSecret(KEK, a, AAD)).toBe(SESSION_KEY);
    expect(openSecret(KEK, b, AAD)).toBe(SESSION_KEY);
    expect(openSecret(KEK, sealSecret(KEK, '', AAD), AAD)).toBe('');
    expect(openSecret(KEK, sealSecret(KEK, '会话', AAD), AAD)).toBe('会话');
  });

  it('refuses another aad (another user or app), another key', () => {
    const s = sealSecret(KEK, SESSION_KEY, AAD);
    expect(openSecret(KEK, s, 'wxgame0001\noUser2')).toBeUndefined();
    expect(openSecret(KEK, s, 'wxgame0002\noUser1')).toBeUndefined();
    expect(openSecret(KEK, s, '')).toBeUndefined();
    expect(openSecret(randomBytes(32), s, AAD)).toBeUndefined();
  });

  it('refuses any tampered part: every flipped character of iv, ciphertext and tag', () => {
    const s = sealSecret(KEK, SESSION_KEY, AAD);
    for (let i = 3; i < s.length; i++) {
      if (s[i] === '.') continue;
      const swapped = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      expect(openSecret(KEK, swapped, AAD)).toBeUndefined();
    }
  });

  it('refuses a truncated tag, swapped parts, another version and garbage', () => {
    const s = sealSecret(KEK, SESSION_KEY, AAD);
    const [v, iv, ct, tag] = s.split('.');
    expect(openSecret(KEK, [v, iv, ct, tag.slice(0, 11)].join('.'), AAD)).toBeUndefined();
    expect(openSecret(KEK, [v, iv, ct, Buffer.from(tag, 'base64url').subarray(0, 12).toString('base64url')].join('.'), AAD)).toBeUndefined();
    expect(openSecret(KEK, ['v2', iv, ct, tag].join('.'), AAD)).toBeUndefined();
    expect(openSecret(KEK, [v, iv, ct, tag, ''].join('.'), AAD)).toBeUndefined();
    expect(openSecret(KEK, [v, iv, tag, ct].join('.'), AAD)).toBeUndefined();
    expect(openSecret(KEK, [v, iv + '=', ct, tag].join('.'), AAD)).toBeUndefined();
    for (const g of [undefined, null, 1, '', 'v1...', 'v1.a.b.c', SESSION_KEY, {}]) expect(openSecret(KEK, g, AAD)).toBeUndefined();
    fc.assert(fc.property(fc.string(), (g) => expect(openSecret(KEK, g, AAD)).toBeUndefined()), { numRuns: 300 });
  });

  it('a bad key length is a programming error on seal and undefined on open', () => {
    expect(() => sealSecret(randomBytes(16), 'x', AAD)).toThrow(/32 bytes/);
    expect(openSecret(randomBytes(16), sealSecret(KEK, 'x', AAD), AAD)).toBeUndefined();
  });
});
