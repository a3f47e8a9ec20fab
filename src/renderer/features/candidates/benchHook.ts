import { getChangedDocumentsSince } from 'rxdb';
import { applyView, foldText } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { CandidateSearch, searchFor } from '../search/searchIndex';
import { navigate } from '../../app/store';
import { candidateCacheFor } from './candidateCache';
import { freshInserts } from '../../db/freshInsert';

/**
 * For `npm run bench:ui` only: when this browser profile has `regiodesk.bench` set, the open
 * database and the view and search engines are reachable from the page, so the benchmark can
 * fill the local store and time the same code the list runs. Off in every normal profile.
 */
export function exposeForBench(db: RegiodeskDatabase | null): void {
  try {
    if (!db || globalThis.localStorage?.getItem('regiodesk.bench') !== '1') return;
  } catch {
    return;
  }
  (globalThis as unknown as { __regiodeskBench?: unknown }).__regiodeskBench = {
    db,
    applyView,
    foldText,
    CandidateSearch,
    navigate,
    cache: () => candidateCacheFor(db),
    changesSince: (limit: number, lwt: number) => getChangedDocumentsSince(db.candidates.storageInstance as never, limit, { id: '', lwt }),
    search: () => searchFor(db),
    // bench:import writes the same documents with the storage's fresh-insert path on and off.
    freshInserts,
  };
}
