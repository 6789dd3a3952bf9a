import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * WeChat message push safe mode (the "WXBizMsgCrypt" scheme):
 * - key = base64 decode of EncodingAESKey (43 chars) + "=": 32 bytes; AES-256-CBC with IV = key[0..16];
 * - PKCS#7 padding to a 32-byte block (not AES's 16), so Node's own padding is turned off and done here;
 * - plaintext = 16 random bytes + 4-byte big-endian message length + message (UTF-8) + appid.
 */

const BLOCK = 32;

export type DecryptPushResult = { ok: true; message: string } | { ok: false; reason: string };

/** The 32-byte key of an EncodingAESKey, or undefined when it is not 43 base64 characters. */
export function pushAesKey(encodingAesKey: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) return undefined;
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  return key.length === 32 ? key : undefined;
}

/** Decrypts the `Encrypt` field of a safe-mode push. Never throws: garbage is `{ok:false, reason}`. */
export function decryptPush(encodingAesKey: string, encrypt: unknown, expectedAppId: string): DecryptPushResult {
  const key = pushAesKey(encodingAesKey);
  if (!key) return { ok: false, reason: 'EncodingAESKey is not 43 base64 characters' };
  if (typeof encrypt !== 'string' || encrypt === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) {
    return { ok: false, reason: 'Encrypt is not base64' };
  }
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) return { ok: false, reason: 'ciphertext is not whole AES blocks' };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return { ok: false, reason: 'AES decryption failed' };
  }
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > BLOCK || pad > plain.length) return { ok: false, reason: 'bad padding' };
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) return { ok: false, reason: 'bad padding' };
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) return { ok: false, reason: 'plaintext too short' };
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) return { ok: false, reason: 'message length exceeds the plaintext' };
  const appId = content.subarray(20 + length).toString('utf8');
  if (appId !== expectedAppId) return { ok: false, reason: 'appid does not match' };
  const messageBytes = content.subarray(20, 20 + length);
  const message = messageBytes.toString('utf8');
  // Invalid UTF-8 would be silently replaced: refuse it rather than hand on a different message.
  if (!Buffer.from(message, 'utf8').equals(messageBytes)) return { ok: false, reason: 'message is not UTF-8' };
  return { ok: true, message };
}

/** Encrypts `message` as WeChat does (the test sender uses it). `random16` fixes the 16 leading bytes. */
export function encryptPush(encodingAesKey: string, message: string, appId: string, random16?: Buffer): string {
  const key = pushAesKey(encodingAesKey);
  if (!key) throw new Error('EncodingAESKey is not 43 base64 characters');
  const random = random16 ?? randomBytes(16);
  if (random.length !== 16) throw new Error('random16 must be 16 bytes');
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const content = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (content.length % BLOCK);
  const plain = Buffer.concat([content, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}
