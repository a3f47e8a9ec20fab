// Types for start-electron.mjs, so TypeScript callers and tests can import it.
export interface ElectronBinaryPathOptions {
  env?: NodeJS.ProcessEnv;
  /** The installed `electron` package folder; null means "not installed". */
  electronDir?: string | null;
}

export function electronBinaryPath(options?: ElectronBinaryPathOptions): string | null;
