/**
 * The contract between the Electron preload script and the renderer.
 *
 * In desktop mode the preload exposes an object of this shape as `window.regiodesk`.
 * In web mode (the renderer served by the sync server at `/app/`) it is absent, so the
 * renderer must treat it as optional and fall back to web behaviour.
 *
 * This file is shared by the main process, the sandboxed preload and the renderer, so it
 * must import nothing from Node, the DOM or Electron.
 */

/** Credentials remembered for one sync server, encrypted at rest by the main process. */
export interface StoredCredentials {
  user: string;
  password: string;
}

export interface RegiodeskCredentialsBridge {
  /** Rejects when the OS offers no real encryption: we never fall back to plain text. */
  save(server: string, user: string, password: string): Promise<void>;
  /** Resolves null when nothing is stored, or the stored entry can no longer be decrypted. */
  load(server: string): Promise<StoredCredentials | null>;
  clear(server: string): Promise<void>;
}

export interface RegiodeskBridge {
  appVersion(): Promise<string>;
  /** Folder holding the app's local data (Electron's userData). */
  dataFolder(): Promise<string>;
  /** Opens an https URL in the user's browser; any other scheme is rejected. */
  openExternal(url: string): Promise<void>;
  credentials: RegiodeskCredentialsBridge;
  /**
   * The key for encrypting personal fields of the local database at rest, kept by the main
   * process encrypted with the OS keychain (safeStorage). Rejects when the OS offers no real
   * encryption or the stored key can no longer be decrypted; never hands out a new key silently.
   */
  dataKey: {
    get(): Promise<string>;
    /** Removes the key (logout and wipe). */
    forget(): Promise<void>;
  };
  platform: 'desktop';
}

/** IPC channel names, one per bridge function; prefixed so they cannot clash with libraries. */
export const IPC_CHANNELS = {
  appVersion: 'regiodesk:app-version',
  dataFolder: 'regiodesk:data-folder',
  openExternal: 'regiodesk:open-external',
  credentialsSave: 'regiodesk:credentials-save',
  credentialsLoad: 'regiodesk:credentials-load',
  credentialsClear: 'regiodesk:credentials-clear',
  dataKeyGet: 'regiodesk:data-key-get',
  dataKeyForget: 'regiodesk:data-key-forget',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

declare global {
  interface Window {
    regiodesk?: RegiodeskBridge;
  }
}
