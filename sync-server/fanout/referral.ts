import type { Referral } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';
import { serverEdit } from './stamp';

/** An accepted referral or transfer links the candidate to the receiving region (and moves ownership). */
export async function applyReferral(from: StoreDb, ref: Referral): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let cand: Json;
    try {
      cand = (await from.get(ref.candidateId)) as Json;
    } catch {
      return;
    }
    const regions = (cand.regions as string[]) ?? [];
    const owner = ref.kind === 'transfer' ? ref.toRegion : (cand.ownerRegion as string);
    if (regions.includes(ref.toRegion) && cand.ownerRegion === owner) return;
    const next: Json = {
      ...cand,
      regions: regions.includes(ref.toRegion) ? regions : [...regions, ref.toRegion],
      ownerRegion: owner,
      updatedAt: new Date().toISOString(),
      updatedBy: ref.decidedBy ?? 'regiodesk',
    };
    delete next._revisions;
    const [res] = await from.bulkDocs([serverEdit(cand, next)], true);
    if (res && 'ok' in res) return;
  }
}
