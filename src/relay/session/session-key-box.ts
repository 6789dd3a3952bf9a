import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Platform session keys (WeChat's session_key) at rest: AES-256-GCM under the relay's key-encryption key
 * (`session.keyEncryptionKey`). The associated data binds a sealed value to its owner (`appId + "\n" + openid`),
 * so a row copied onto another user does not open. Format: `v1.<iv>.<ciphertext>.<tag>`, base64url parts,
 * a random 12-byte IV per seal and a 16-byte tag; the version leaves room to rotate the scheme.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The 32-byte key of `session.keyEncryptionKey`: 44 base64 characters or 64 hex digits. Throws with a message
 * that never quotes the value (it is a secret, and errors get logged).
 */
export function parseKeyEncryptionKey(text: string): Buffer {
  const value = typeof text === 'string' ? text.trim() : '';
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=$/.test(value)) key = Buffer.from(value, 'base64');
  if (key?.length !== 32) {
    throw new Error(
      `session.keyEncryptionKey must be 32 bytes written as 44 base64 characters or 64 hex digits (got ${value.length} characters); ` +
        'make one with: openssl rand -base64 32',
    );
  }
  if (key.every((b) => b === key[0])) {
    throw new Error('session.keyEncryptionKey is one byte repeated (a placeholder?): make one with: openssl rand -base64 32');
  }
  return key;
}

function assertKey(kek: Buffer): void {
  if (kek.length !== 32) throw new Error('key-encryption key must be 32 bytes');
}

/** Seals `plaintext` bound to `aad` (e.g. `appId + "\n" + openid`). */
export function sealSecret(kek: Buffer, plaintext: string, aad: string): string {
  assertKey(kek);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

function decodePart(part: string, bytes?: number): Buffer | undefined {
  if (!B64URL.test(part)) return undefined;
  const buf = Buffer.from(part, 'base64url');
  // Canonical only: a part that does not re-encode to itself is not one we wrote.
  if (buf.toString('base64url') !== part) return undefined;
  if (bytes !== undefined && buf.length !== bytes) return undefined;
  return buf;
}

/** Opens a sealed value, or undefined when it is tampered, bound to another aad, under another key, or garbage. */
export function openSecret(kek: Buffer, sealed: unknown, aad: string): string | undefined {
  if (kek.length !== 32 || typeof sealed !== 'string') return undefined;
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const iv = decodePart(parts[1], IV_BYTES);
  const ct = decodePart(parts[2]);
  const tag = decodePart(parts[3], TAG_BYTES);
  if (!iv || !ct || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
