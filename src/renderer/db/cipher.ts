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
/** Every 12-bit group as its two base64 characters: half the string concatenations of one per character. */
const PAIRS: string[] = Array.from({ length: 4096 }, (_, n) => ALPHABET[n >> 6]! + ALPHABET[n & 63]!);
/** Character code → 6-bit value, 255 for anything that is not in the alphabet. */
const VALUES = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Standard base64, by table: 5× faster than btoa over String.fromCharCode(...) for records. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += PAIRS[n >> 12]! + PAIRS[n & 4095]!;
  }
  if (bytes.length - i === 1) {
    const n = bytes[i]! << 16;
    out += PAIRS[n >> 12]! + '==';
  } else if (bytes.length - i === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += PAIRS[n >> 12]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Standard base64 (padding optional), by table straight into bytes: atob plus a copy loop cost
 * twice as much per record. Throws on any character outside the alphabet, like atob.
 */
export function fromBase64(text: string, start = 0): Uint8Array {
  let end = text.length;
  while (end > start && text.charCodeAt(end - 1) === 61) end--; // '='
  const chars = end - start;
  if (chars % 4 === 1 || text.length - end > 2) throw new Error('invalid base64');
  const out = new Uint8Array((chars * 3) >> 2);
  let o = 0;
  let i = start;
  for (; i + 3 < end; i += 4) {
    const a = VALUES[text.charCodeAt(i) & 255]!, b = VALUES[text.charCodeAt(i + 1) & 255]!, c = VALUES[text.charCodeAt(i + 2) & 255]!, d = VALUES[text.charCodeAt(i + 3) & 255]!;
    if ((a | b | c | d) === 255 || text.charCodeAt(i) > 255 || text.charCodeAt(i + 1) > 255 || text.charCodeAt(i + 2) > 255 || text.charCodeAt(i + 3) > 255) throw new Error('invalid base64');
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (i < end) {
    const rest = end - i;
    let n = 0;
    for (let k = 0; k < rest; k++) {
      const code = text.charCodeAt(i + k);
      const v = code > 255 ? 255 : VALUES[code]!;
      if (v === 255) throw new Error('invalid base64');
      n |= v << (18 - 6 * k);
    }
    out[o++] = n >> 16;
    if (rest === 3) out[o++] = (n >> 8) & 255;
  }
  return out;
}

/**
 * A context (a document id, a draft's key) as UTF-8 bytes. Ids are ASCII: copied by a loop
 * rather than a TextEncoder call, which costs more than the copy for strings this short.
 */
function contextBytes(context: string): Uint8Array {
  const out = new Uint8Array(context.length);
  for (let i = 0; i < context.length; i++) {
    const c = context.charCodeAt(i);
    if (c > 127) return encoder.encode(context);
    out[i] = c;
  }
  return out;
}

/** Nonces come from one getRandomValues call per 256 of them (each byte is used once). */
const NONCE_POOL = 256 * NONCE_BYTES;
let noncePool: Uint8Array = new Uint8Array(0);
let nonceAt = NONCE_POOL;
function nextNonce(): Uint8Array {
  if (nonceAt >= noncePool.length) {
    noncePool = randomBytes(NONCE_POOL);
    nonceAt = 0;
  }
  const nonce = noncePool.subarray(nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return nonce;
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
  const nonce = nextNonce();
  const plain = encoder.encode(plaintext);
  // nonce ‖ ciphertext ‖ tag in one buffer: the cipher writes straight behind the nonce.
  const out = new Uint8Array(NONCE_BYTES + plain.length + 16);
  out.set(nonce);
  xchacha20poly1305(key, nonce, contextBytes(context)).encrypt(plain, out.subarray(NONCE_BYTES));
  return PREFIX + toBase64(out);
}

export function open(key: Uint8Array, sealed: string, context: string): string {
  if (!isSealed(sealed)) throw new DataKeyError('not a ciphertext');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(sealed, PREFIX.length);
  } catch {
    throw new DataKeyError('damaged ciphertext');
  }
  if (bytes.length < NONCE_BYTES + 16) throw new DataKeyError('damaged ciphertext');
  try {
    const plain = xchacha20poly1305(key, bytes.subarray(0, NONCE_BYTES), contextBytes(context)).decrypt(bytes.subarray(NONCE_BYTES));
    return decoder.decode(plain);
  } catch {
    throw new DataKeyError(context);
  }
}
