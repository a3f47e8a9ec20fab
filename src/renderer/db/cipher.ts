/**
 * The one cipher for data at rest on the laptop: XChaCha20-Poly1305 (@noble/ciphers, audited,
 * synchronous). Synchronous matters: drafts are written on every keystroke and must be on disk
 * before a crash, and RxDB's storage hooks run per document. A random 24-byte nonce per write
 * (safe with XChaCha's nonce size); the text is `v1.` + base64(nonce ‖ ciphertext ‖ tag).
 * Associated data binds a ciphertext to where it belongs (a document id, a draft's key), so a
 * ciphertext copied to another record does not decrypt.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';

export const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 24;
const PREFIX = 'v1.';

/** The data key cannot open what was stored: another key, or damaged data. Never data loss. */
export class DataKeyError extends Error {
  constructor(what: string) {
    super(`Local data cannot be decrypted with this key (${what}). Nothing was changed.`);
    this.name = 'DataKeyError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64, by table: 5× faster than btoa over String.fromCharCode(...) for records. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (bytes.length - i === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (bytes.length - i === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A key from its base64 form (the desktop bridge's format); throws on anything but 32 bytes. */
export function dataKeyFromBase64(text: string): Uint8Array {
  const key = fromBase64(text);
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyError('not a 256-bit key');
  return key;
}

export function newDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_BYTES);
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function seal(key: Uint8Array, plaintext: string, context: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const box = xchacha20poly1305(key, nonce, encoder.encode(context)).encrypt(encoder.encode(plaintext));
  const out = new Uint8Array(NONCE_BYTES + box.length);
  out.set(nonce);
  out.set(box, NONCE_BYTES);
  return PREFIX + toBase64(out);
}

export function open(key: Uint8Array, sealed: string, context: string): string {
  if (!isSealed(sealed)) throw new DataKeyError('not a ciphertext');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(sealed.slice(PREFIX.length));
  } catch {
    throw new DataKeyError('damaged ciphertext');
  }
  if (bytes.length < NONCE_BYTES + 16) throw new DataKeyError('damaged ciphertext');
  try {
    const plain = xchacha20poly1305(key, bytes.subarray(0, NONCE_BYTES), encoder.encode(context)).decrypt(bytes.subarray(NONCE_BYTES));
    return decoder.decode(plain);
  } catch {
    throw new DataKeyError(context);
  }
}
