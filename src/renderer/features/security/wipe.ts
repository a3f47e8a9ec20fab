/**
 * "Uitloggen en gegevens wissen": removes everything Regiodesk keeps in this browser profile or
 * desktop app: every IndexedDB database of the origin (RxDB's storage, drafts kept there, other
 * users' local databases), localStorage and sessionStorage (session, drafts, verifiers, sync
 * status), the service worker's caches and the worker itself. The origin holds nothing but
 * Regiodesk, so everything goes, not only what we know by name today.
 */
import { bridge } from '../../platform/bridge';

export interface WipeReport {
  databases: string[];
  caches: number;
}

async function deleteDatabase(name: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still holds it open: it is deleted as soon as that tab closes it.
    request.onblocked = () => resolve();
  });
}

export async function wipeLocalData(): Promise<WipeReport> {
  const databases: string[] = [];
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      await deleteDatabase(info.name);
      databases.push(info.name);
    }
  }
  let cacheCount = 0;
  if (typeof caches !== 'undefined') {
    for (const key of await caches.keys()) {
      if (await caches.delete(key)) cacheCount++;
    }
  }
  if (typeof navigator !== 'undefined' && navigator.serviceWorker) {
    for (const registration of await navigator.serviceWorker.getRegistrations().catch(() => [])) {
      await registration.unregister().catch(() => false);
    }
  }
  // Desktop: the at-rest key in the OS keychain goes too (src/main/data-key.ts).
  await bridge()?.dataKey.forget().catch(() => undefined);
  try {
    globalThis.localStorage?.clear();
    globalThis.sessionStorage?.clear();
  } catch {
    // storage disabled: nothing was kept there
  }
  return { databases, caches: cacheCount };
}
