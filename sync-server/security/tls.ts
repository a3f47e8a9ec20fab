import { readFileSync } from 'node:fs';

export interface TlsFiles {
  cert: string;
  key: string;
}

/** Reads the certificate and key named by the configuration; a missing file stops the start. */
export function loadTls(files: TlsFiles | undefined): { cert: Buffer; key: Buffer } | null {
  if (!files) return null;
  return { cert: readFileSync(files.cert), key: readFileSync(files.key) };
}

/** `REGIODESK_TLS_CERT` and `REGIODESK_TLS_KEY`: both or neither. */
export function tlsFromEnv(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const cert = env.REGIODESK_TLS_CERT || undefined;
  const key = env.REGIODESK_TLS_KEY || undefined;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new Error('Set both REGIODESK_TLS_CERT and REGIODESK_TLS_KEY (PEM files), or neither.');
  return { cert, key };
}
