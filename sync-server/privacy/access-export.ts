import { canReadRegion, type Principal } from '../../src/shared';
import type { Json, Store } from '../store/types';
import { docsAbout, regionDbs } from './find-person';

export interface AccessExport {
  candidateId: string;
  exportedAt: string;
  exportedBy: string;
  /** Per region the user may read and that holds something about the person. */
  regions: { region: string; documents: Json[] }[];
}

/** Replication bookkeeping that says nothing about the person. */
const INTERNAL = new Set(['_rev', '_revisions', '_conflicts', '_attachments', 'fieldClocks', '_meta']);

function clean(doc: Json): Json {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !INTERNAL.has(k)));
}

/**
 * Everything stored about a person across the linked regions the user may read (right of
 * access, AVG art. 15): the candidate and every document about her, per region. Private
 * comments of regions the user is not in stay out, as they do everywhere else.
 */
export async function accessExport(store: Store, p: Principal, candidateId: string): Promise<AccessExport | null> {
  const regions: AccessExport['regions'] = [];
  for (const { region, db } of await regionDbs(store)) {
    if (!canReadRegion(p, region)) continue;
    const docs = await docsAbout(db, candidateId);
    if (docs.length) regions.push({ region, documents: docs.map(clean) });
  }
  if (regions.length === 0) return null;
  return { candidateId, exportedAt: new Date().toISOString(), exportedBy: p.name, regions };
}
