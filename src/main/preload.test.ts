// @vitest-environment node
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type RegiodeskBridge } from '../shared/bridge';
import { fakeElectron, type ElectronFake } from './electron.fake';

vi.mock('electron', async () => (await import('./electron.fake')).createElectronFake());

let electron: ElectronFake;
let bridge: RegiodeskBridge;

beforeAll(async () => {
  electron = await fakeElectron();
  await import('./preload');
  bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as RegiodeskBridge;
});

describe('preload', () => {
  it('exposes one object named regiodesk, once', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('regiodesk');
  });

  it('exposes exactly the bridge keys', () => {
    expect(Object.keys(bridge).sort()).toEqual(['appVersion', 'credentials', 'dataFolder', 'dataKey', 'openExternal', 'platform']);
    expect(Object.keys(bridge.dataKey).sort()).toEqual(['forget', 'get']);
    expect(Object.keys(bridge.credentials).sort()).toEqual(['clear', 'load', 'save']);
    expect(bridge.platform).toBe('desktop');
  });

  it('never hands out ipcRenderer or any of its methods', () => {
    const leaked = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    const walk = (value: unknown): void => {
      expect(leaked.has(value)).toBe(false);
      if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
    };
    walk(bridge);
  });

  it('maps each function to its channel with the caller arguments only', async () => {
    const cases: Array<[() => Promise<unknown>, unknown[]]> = [
      [() => bridge.appVersion(), [IPC_CHANNELS.appVersion]],
      [() => bridge.dataFolder(), [IPC_CHANNELS.dataFolder]],
      [() => bridge.openExternal('https://duo.nl'), [IPC_CHANNELS.openExternal, 'https://duo.nl']],
      [() => bridge.credentials.save('s', 'u', 'p'), [IPC_CHANNELS.credentialsSave, 's', 'u', 'p']],
      [() => bridge.credentials.load('s'), [IPC_CHANNELS.credentialsLoad, 's']],
      [() => bridge.credentials.clear('s'), [IPC_CHANNELS.credentialsClear, 's']],
      [() => bridge.dataKey.get(), [IPC_CHANNELS.dataKeyGet]],
      [() => bridge.dataKey.forget(), [IPC_CHANNELS.dataKeyForget]],
    ];
    for (const [invoke, expected] of cases) {
      electron.ipcRenderer.invoke.mockClear();
      await expect(invoke()).resolves.toBe('reply');
      expect(electron.ipcRenderer.invoke.mock.calls).toEqual([expected]);
    }
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
