import { newCandidate, newNote, type Candidate, type Note } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';

/** Test and benchmark helpers: documents as a laptop would push them. */
export function candidateDoc(id: string, regions: string[], owner = regions[0]!): Json {
  const c: Candidate = newCandidate(
    { firstName: 'Zoë', lastName: `Test ${id}`, email: `${id}@example.nl`, ownerRegion: owner, regions },
    { id, user: 'anna', now: '2026-03-01T10:00:00.000Z' },
  );
  const { id: _id, ...rest } = c;
  return { _id, ...rest };
}

export function noteDoc(candidateId: string, suffix: string, region: string, visibility: 'shared' | 'region', text = `note ${suffix}`): Json {
  const n: Note = newNote({ candidateId, visibility, region, text }, { suffix, user: 'anna', now: new Date().toISOString() });
  const { id: _id, ...rest } = n;
  return { _id, ...rest };
}

/** Writes a new version of a document on top of its current one (new_edits:true). */
export async function update(db: StoreDb, id: string, patch: Json): Promise<string> {
  const cur = (await db.get(id)) as Json;
  const [r] = await db.bulkDocs([{ ...cur, ...patch }], true);
  if (!r || !('ok' in r)) throw new Error(`update of ${id} failed: ${JSON.stringify(r)}`);
  return r.rev;
}

export async function ids(db: StoreDb): Promise<string[]> {
  return ((await db.allDocs({})) as { rows: { id: string }[] }).rows.map((r) => r.id).filter((id) => !id.startsWith('_'));
}
