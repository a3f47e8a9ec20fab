/**
 * Buffer → plain Uint8Array view. With this repo's lib settings (DOM + WebWorker + @types/node 22)
 * TypeScript does not accept a Buffer where node:crypto wants a BinaryLike; a view is accepted.
 */
export function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
