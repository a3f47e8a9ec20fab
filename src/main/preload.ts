/**
 * Runs in the sandboxed preload context. It hands the page a few typed functions, each bound
 * to one channel; ipcRenderer itself never crosses the bridge, so page script cannot pick
 * channels or listen to anything.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type RegiodeskBridge } from '../shared/bridge';

const bridge = {
  appVersion: () => ipcRenderer.invoke(IPC_CHANNELS.appVersion),
  dataFolder: () => ipcRenderer.invoke(IPC_CHANNELS.dataFolder),
  openExternal: (url: string) => ipcRenderer.invoke(IPC_CHANNELS.openExternal, url),
  credentials: {
    save: (server: string, user: string, password: string) =>
      ipcRenderer.invoke(IPC_CHANNELS.credentialsSave, server, user, password),
    load: (server: string) => ipcRenderer.invoke(IPC_CHANNELS.credentialsLoad, server),
    clear: (server: string) => ipcRenderer.invoke(IPC_CHANNELS.credentialsClear, server),
  },
  dataKey: {
    get: () => ipcRenderer.invoke(IPC_CHANNELS.dataKeyGet),
    forget: () => ipcRenderer.invoke(IPC_CHANNELS.dataKeyForget),
  },
  platform: 'desktop',
} satisfies RegiodeskBridge;

contextBridge.exposeInMainWorld('regiodesk', bridge);
