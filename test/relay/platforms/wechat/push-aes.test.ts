import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { decryptPush, encryptPush, pushAesKey } from '../../../../src/relay/platforms/wechat/push-aes';
import { OFFICIAL } from './official-msg-crypt-vector';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP = 'wx1234567890abcdef';

/** Encrypts a raw plaintext with the push key and no padding, to build malformed ciphertexts on purpose. */
function rawEncrypt(plain: Buffer): string {
  const key = pushAesKey(KEY)!;
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

function frame(message: Buffer, appId: string, declaredLength = message.length): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(declaredLength);
  return Buffer.concat([Buffer.alloc(16, 7), len, message, Buffer.from(appId)]);
}

function pad32(b: Buffer, padByte?: number): Buffer {
  const n = 32 - (b.length % 32);
  return Buffer.concat([b, Buffer.alloc(n, padByte ?? n)]);
}

describe('push safe mode AES', () => {
  it('decrypts the official WXBizMsgCrypt vectors', () => {
    const m = decryptPush(OFFICIAL.encodingAesKey, OFFICIAL.message.encrypt, OFFICIAL.receiverId);
    expect(m.ok && m.message).toContain('<Content><![CDATA[hello]]></Content>');
    expect(decryptPush(OFFICIAL.encodingAesKey, OFFICIAL.urlCheck.echostr, OFFICIAL.receiverId)).toEqual({
      ok: true,
      message: OFFICIAL.urlCheck.plain,
    });
  });

  it('round-trips any message, including multi-byte UTF-8, with the 32-byte padding', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (message) => {
        const enc = encryptPush(KEY, message, APP);
        expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
        expect(decryptPush(KEY, enc, APP)).toEqual({ ok: true, message });
      }),
      { numRuns: 200 },
    );
    const zh = '{"Event":"minigame_pay_refund_succ_notify","备注":"退款"}';
    expect(decryptPush(KEY, encryptPush(KEY, zh, APP), APP)).toEqual({ ok: true, message: zh });
  });

  it('is deterministic given random16, and random by default', () => {
    const r = Buffer.alloc(16, 1);
    expect(encryptPush(KEY, 'x', APP, r)).toBe(encryptPush(KEY, 'x', APP, r));
    expect(encryptPush(KEY, 'x', APP)).not.toBe(encryptPush(KEY, 'x', APP));
  });

  it('refuses another appid, another key, and a flipped ciphertext bit', () => {
    const enc = encryptPush(KEY, '{"a":1}', APP);
    expect(decryptPush(KEY, enc, 'wxother')).toEqual({ ok: false, reason: 'appid does not match' });
    expect(decryptPush(KEY, enc, APP.slice(0, -1))).toMatchObject({ ok: false });
    expect(decryptPush('bbcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', enc, APP)).toMatchObject({ ok: false });
    const bytes = Buffer.from(enc, 'base64');
    for (const at of [0, 17, bytes.length - 1]) {
      const t = Buffer.from(bytes);
      t[at] ^= 0x01;
      expect(decryptPush(KEY, t.toString('base64'), APP)).toMatchObject({ ok: false });
    }
  });

  it('checks the PKCS#7 padding byte by byte, with a 32-byte block', () => {
    const content = frame(Buffer.from('hello'), APP);
    expect(decryptPush(KEY, rawEncrypt(pad32(content)), APP)).toEqual({ ok: true, message: 'hello' });
    // Inconsistent padding bytes.
    const bad = pad32(content);
    bad[bad.length - 2] ^= 0xff;
    expect(decryptPush(KEY, rawEncrypt(bad), APP)).toEqual({ ok: false, reason: 'bad padding' });
    // A pad value of 0 or over 32.
    const zero = Buffer.concat([content, Buffer.alloc(32 - (content.length % 32), 0)]);
    expect(decryptPush(KEY, rawEncrypt(zero), APP)).toEqual({ ok: false, reason: 'bad padding' });
    const big = Buffer.concat([content.subarray(0, 32), Buffer.alloc(48, 33)]);
    expect(decryptPush(KEY, rawEncrypt(big), APP)).toEqual({ ok: false, reason: 'bad padding' });
  });

  it('refuses a declared length past the plaintext, and a too-short plaintext', () => {
    const lying = frame(Buffer.from('hello'), APP, 5000);
    expect(decryptPush(KEY, rawEncrypt(pad32(lying)), APP)).toEqual({ ok: false, reason: 'message length exceeds the plaintext' });
    expect(decryptPush(KEY, rawEncrypt(pad32(Buffer.alloc(10, 1))), APP)).toEqual({ ok: false, reason: 'plaintext too short' });
  });

  it('refuses a message that is not valid UTF-8', () => {
    const enc = rawEncrypt(pad32(frame(Buffer.from([0xff, 0xfe, 0x41]), APP)));
    expect(decryptPush(KEY, enc, APP)).toEqual({ ok: false, reason: 'message is not UTF-8' });
  });

  it('refuses a bad EncodingAESKey and non-base64 or partial-block input', () => {
    const enc = encryptPush(KEY, 'm', APP);
    expect(decryptPush(KEY.slice(1), enc, APP)).toMatchObject({ ok: false });
    expect(decryptPush(KEY.slice(0, 42) + '!', enc, APP)).toMatchObject({ ok: false });
    expect(decryptPush(KEY, '', APP)).toMatchObject({ ok: false });
    expect(decryptPush(KEY, 'not base64 !!', APP)).toMatchObject({ ok: false });
    expect(decryptPush(KEY, Buffer.alloc(15).toString('base64'), APP)).toEqual({ ok: false, reason: 'ciphertext is not whole AES blocks' });
    expect(decryptPush(KEY, 123, APP)).toMatchObject({ ok: false });
    expect(() => encryptPush('short', 'm', APP)).toThrow(/EncodingAESKey/);
  });

  it('never throws on random garbage and never yields a message for it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
        const r = decryptPush(KEY, Buffer.from(bytes).toString('base64'), APP);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(decryptPush(KEY, value, APP).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
    // Whole blocks of random bytes reach the padding and framing checks.
    for (let i = 0; i < 300; i++) {
      expect(decryptPush(KEY, randomBytes(32 * (1 + (i % 4))).toString('base64'), APP).ok).toBe(false);
    }
  });
});
