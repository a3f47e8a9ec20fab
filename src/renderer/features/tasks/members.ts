import { useEffect, useState } from 'react';
import { useApp } from '../../app/store';
import { makeSyncFetch } from '../../sync/replication';

export interface Member {
  name: string;
  role: string;
}

const cacheKey = (server: string, region: string) => `regiodesk.members.${server}.${region}`;

function cached(server: string, region: string): Member[] {
  try {
    const raw = globalThis.localStorage?.getItem(cacheKey(server, region));
    return raw ? (JSON.parse(raw) as Member[]) : [];
  } catch {
    return [];
  }
}

/**
 * The colleagues of a region, from the server (`/_regiodesk/regions/<code>/members`), kept in
 * localStorage so the picker still offers them offline. Viewers are left out: they cannot work on
 * a task. Empty until known; free text stays possible either way.
 */
export function useRegionMembers(region: string | null): string[] {
  const session = useApp((s) => s.session);
  const server = session?.server ?? '';
  const [members, setMembers] = useState<Member[]>(() => (server && region ? cached(server, region) : []));
  useEffect(() => {
    if (!server || !region) return;
    setMembers(cached(server, region));
    let alive = true;
    makeSyncFetch(server)(`${server}/_regiodesk/regions/${encodeURIComponent(region)}/members`)
      .then(async (res) => {
        if (!res.ok) return;
        const list = ((await res.json()) as { members: Member[] }).members;
        if (!alive) return;
        setMembers(list);
        try {
          globalThis.localStorage?.setItem(cacheKey(server, region), JSON.stringify(list));
        } catch {
          /* storage full: the list still works for this session */
        }
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [server, region]);
  return members.filter((m) => m.role !== 'viewer').map((m) => m.name);
}
