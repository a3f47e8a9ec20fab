/**
 * Main-process side of the bridge. Every handler first checks who is calling (only our own
 * top-level page) and what it passed, because a compromised renderer can send anything.
 */
import { app, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../shared/bridge';
import type { CredentialStore } from './credentials';
import type { DataKeyStore } from './data-key';
import { isAllowedOrigin, isHttpsUrl } from './urls';

export const MAX_URL_LENGTH = 2048;
export const MAX_USER_LENGTH = 256;
export const MAX_PASSWORD_LENGTH = 1024;

export interface IpcOptions {
  allowedOrigins: readonly string[];
  credentials: CredentialStore;
  dataKeys: DataKeyStore;
}

export function assertTrustedSender(event: IpcMainInvokeEvent, allowedOrigins: readonly string[]): void {
  const frame = event.senderFrame;
  // No frame means it navigated away or was destroyed mid-call; a child frame is never ours.
  if (!frame || frame.parent !== null || !isAllowedOrigin(frame.url, allowedOrigins)) {
    throw new Error('Blocked IPC call from an untrusted frame');
  }
}

export function requireString(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  if (value.length === 0) throw new TypeError(`${name} must not be empty`);
  if (value.length > maxLength) throw new RangeError(`${name} is longer than ${maxLength} characters`);
  return value;
}

export function requireHttpsUrl(value: unknown): string {
  const url = requireString(value, 'url', MAX_URL_LENGTH);
  if (!isHttpsUrl(url)) throw new TypeError('url must be an https:// URL');
  return url;
}

export function registerIpcHandlers(options: IpcOptions): void {
  const { allowedOrigins, credentials, dataKeys } = options;
  const handle = (channel: string, handler: (...args: unknown[]) => unknown): void => {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      assertTrustedSender(event, allowedOrigins);
      return handler(...args);
    });
  };

  handle(IPC_CHANNELS.appVersion, () => app.getVersion());
  handle(IPC_CHANNELS.dataFolder, () => app.getPath('userData'));
  handle(IPC_CHANNELS.openExternal, async (url) => {
    await shell.openExternal(requireHttpsUrl(url));
  });
  handle(IPC_CHANNELS.credentialsSave, (server, user, password) =>
    credentials.save(
      requireString(server, 'server', MAX_URL_LENGTH),
      requireString(user, 'user', MAX_USER_LENGTH),
      requireString(password, 'password', MAX_PASSWORD_LENGTH),
    ),
  );
  handle(IPC_CHANNELS.credentialsLoad, (server) => credentials.load(requireString(server, 'server', MAX_URL_LENGTH)));
  handle(IPC_CHANNELS.credentialsClear, (server) => credentials.clear(requireString(server, 'server', MAX_URL_LENGTH)));
  // No arguments: the page cannot choose a file or a key, only ask for its own.
  handle(IPC_CHANNELS.dataKeyGet, () => dataKeys.get());
  handle(IPC_CHANNELS.dataKeyForget, () => dataKeys.forget());
}
