/**
 * The one cipher for data at rest on the laptop: XChaCha20-Poly1305 (@noble/ciphers, audited,
 * synchronous). Synchronous matters: drafts are written on every keystroke and must be on disk
 * before a crash, and RxDB's storage hooks run per document. A random 24-byte nonce per write
 * (safe with XChaCha's nonce size); the text is `v1.` + base64(nonce ‖ ciphertext ‖ tag).
 * Associated data binds a ciphertext to where it belongs (a document id, a draft's key), so a
 * ciphertext copied to another record does not decrypt.
 */
import { chacha20, hchacha } from '@noble/ciphers/chacha.js';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
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
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/**
 * Every 12-bit group as its two base64 characters' codes in one 16-bit word (low byte first):
 * one table read per two characters.
 */
const PAIRS = new Uint16Array(4096);
for (let n = 0; n < 4096; n++) PAIRS[n] = CODES[n >> 6]! | (CODES[n & 63]! << 8);
/** Character code → 6-bit value, 255 for anything that is not in the alphabet. */
const VALUES = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/**
 * Standard base64, by table into bytes and decoded once into a flat string. Built with `+=`, a
 * record's text was a rope of ~150 pieces that V8 flattened later, wherever it was first read or
 * cloned (IndexedDB's put): measured in Node on 400-byte boxes, 280 µs with the flattening against
 * 15 µs this way.
 */
export function toBase64(bytes: Uint8Array): string {
  return base64With('', bytes);
}

/** `head` (ASCII) and then the base64 of `bytes`, as one flat string. */
function base64With(head: string, bytes: Uint8Array): string {
  const length = head.length + Math.ceil(bytes.length / 3) * 4;
  const out = new Uint8Array(length);
  let p = 0;
  for (; p < head.length; p++) out[p] = head.charCodeAt(p);
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    const a = PAIRS[n >> 12]!;
    const b = PAIRS[n & 4095]!;
    out[p] = a;
    out[p + 1] = a >> 8;
    out[p + 2] = b;
    out[p + 3] = b >> 8;
    p += 4;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[p++] = CODES[n >> 18]!;
    out[p++] = CODES[(n >> 12) & 63]!;
    out[p++] = rest === 2 ? CODES[(n >> 6) & 63]! : 61; // '='
    out[p++] = 61;
  }
  return decoder.decode(out);
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

/** Random bytes come from one getRandomValues call per 256 nonces' worth (each byte is used once). */
const POOL_BYTES = 256 * NONCE_BYTES;
let pool: Uint8Array = new Uint8Array(0);
let poolAt = POOL_BYTES;
function randomFromPool(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/**
 * XChaCha20 is HChaCha20(key, nonce[0..16]) → a subkey, then ChaCha20-Poly1305 (RFC 8439) under
 * that subkey with the nonce's last 8 bytes. The subkey depends on the key and the first 16 nonce
 * bytes only, so it is derived once per group of nonces sharing those bytes instead of twice per
 * document (noble derives it for the Poly1305 key and again for the message): a quarter of the
 * cipher's work for a record of a few hundred bytes. The ciphertext is the same XChaCha20-
 * Poly1305 box as before (tested against noble's xchacha20poly1305 both ways).
 */
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]); // "expand 32-byte k"
/** Little-endian words of bytes (noble's ciphers, like this module, run on little-endian hosts only). */
function words(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Uint32Array(copy.buffer);
}
function deriveSubkey(key: Uint8Array, prefix: Uint8Array): Uint8Array {
  const out = new Uint32Array(8);
  hchacha(SIGMA, words(key), words(prefix), out);
  return new Uint8Array(out.buffer);
}
function sameBytes(a: Uint8Array, b: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Nonces for sealing: a random 16-byte prefix shared by at most GROUP consecutive seals under one
 * key, then byte 16 = the seal's index in its group (so no two nonces of a group can be equal)
 * and 7 fresh random bytes. Every nonce stays unique and unpredictable; a new key, or the
 * GROUP-th seal, starts a new group with a new random prefix.
 */
const GROUP = 256;
interface SealGroup {
  key: Uint8Array;
  prefix: Uint8Array;
  subkey: Uint8Array;
  used: number;
}
let sealGroup: SealGroup | null = null;
function nextSealNonce(key: Uint8Array): { nonce: Uint8Array; subkey: Uint8Array } {
  let g = sealGroup;
  if (!g || g.used >= GROUP || g.key.length !== key.length || !sameBytes(g.key, key, key.length)) {
    const prefix = randomBytes(16);
    g = sealGroup = { key: new Uint8Array(key), prefix, subkey: deriveSubkey(key, prefix), used: 0 };
  }
  const nonce = new Uint8Array(NONCE_BYTES);
  nonce.set(g.prefix);
  nonce[16] = g.used++;
  nonce.set(randomFromPool(7), 17);
  return { nonce, subkey: g.subkey };
}

/**
 * Drops the cached key copies and subkeys (at logout): nothing derived from a closed session's
 * key stays in this module's memory; the next seal starts a new group.
 */
export function forgetCipherKeys(): void {
  for (const c of [sealGroup, openCache]) {
    c?.key.fill(0);
    c?.subkey.fill(0);
  }
  sealGroup = null;
  openCache = null;
}

/** The subkey of the last group opened: the records of one write share a prefix. */
let openCache: { key: Uint8Array; prefix: Uint8Array; subkey: Uint8Array } | null = null;
function subkeyForOpen(key: Uint8Array, nonce: Uint8Array): Uint8Array {
  const c = openCache;
  if (c && c.key.length === key.length && sameBytes(c.prefix, nonce, 16) && sameBytes(c.key, key, key.length)) return c.subkey;
  const prefix = nonce.slice(0, 16);
  const subkey = deriveSubkey(key, prefix);
  openCache = { key: new Uint8Array(key), prefix, subkey };
  return subkey;
}

const ZEROS16 = new Uint8Array(16);
/** ChaCha20's 12-byte nonce for XChaCha20: four zero bytes, then the extended nonce's last 8. */
function chachaNonce(nonce: Uint8Array): Uint8Array {
  const n = new Uint8Array(12);
  n.set(nonce.subarray(16, 24), 4);
  return n;
}
/**
 * Block 0 of the key stream and the message in one ChaCha20 pass: `buf` is 64 zero bytes, then
 * the message; afterwards its first 32 bytes are the Poly1305 key and the rest is the message
 * XORed with the stream from block 1 on (RFC 8439 §2.8).
 */
function streamWithAuthKey(subkey: Uint8Array, nonce: Uint8Array, buf: Uint8Array): void {
  chacha20(subkey, chachaNonce(nonce), buf, buf, 0);
}
/** The Poly1305 tag over associated data and ciphertext, as RFC 8439 §2.8 lays them out. */
function tagInto(authKey: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, out: Uint8Array): void {
  const h = poly1305.create(authKey);
  h.update(aad);
  if (aad.length % 16) h.update(ZEROS16.subarray(aad.length % 16));
  h.update(ciphertext);
  if (ciphertext.length % 16) h.update(ZEROS16.subarray(ciphertext.length % 16));
  const lengths = new Uint8Array(16); // two 64-bit little-endian lengths; ours stay below 2^32
  for (let i = 0, a = aad.length, c = ciphertext.length; i < 4; i++, a >>>= 8, c >>>= 8) {
    lengths[i] = a & 255;
    lengths[8 + i] = c & 255;
  }
  h.update(lengths);
  h.digestInto(out);
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
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyError('not a 256-bit key');
  const { nonce, subkey } = nextSealNonce(key);
  const plain = encoder.encode(plaintext);
  const n = plain.length;
  const buf = new Uint8Array(64 + n);
  buf.set(plain, 64);
  streamWithAuthKey(subkey, nonce, buf);
  // nonce ‖ ciphertext ‖ tag in one buffer, the tag written straight into its place.
  const out = new Uint8Array(NONCE_BYTES + n + 16);
  out.set(nonce);
  const ciphertext = buf.subarray(64);
  out.set(ciphertext, NONCE_BYTES);
  tagInto(buf.subarray(0, 32), contextBytes(context), ciphertext, out.subarray(NONCE_BYTES + n));
  return base64With(PREFIX, out);
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
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyError(context);
  const n = bytes.length - NONCE_BYTES - 16;
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const ciphertext = bytes.subarray(NONCE_BYTES, NONCE_BYTES + n);
  const buf = new Uint8Array(64 + n);
  buf.set(ciphertext, 64);
  streamWithAuthKey(subkeyForOpen(key, nonce), nonce, buf);
  const tag = new Uint8Array(16);
  tagInto(buf.subarray(0, 32), contextBytes(context), ciphertext, tag);
  // Compared in full (no early exit); the plaintext is only handed out when the tag matches.
  let diff = 0;
  for (let i = 0; i < 16; i++) diff |= tag[i]! ^ bytes[NONCE_BYTES + n + i]!;
  if (diff !== 0) throw new DataKeyError(context);
  try {
    return decoder.decode(buf.subarray(64));
  } catch {
    throw new DataKeyError(context);
  }
}
