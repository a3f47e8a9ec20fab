import type { Candidate, Note } from '../../../shared';
import { personalFieldsOf } from '../../../shared/privacy/personal-fields';
import { seal } from '../../db/cipher';
import type { SealedOffer } from '../../db/encryption';
import { splitSecret } from '../../db/secret';

/**
 * Sealing in the import worker: the personal fields of each planned candidate and note, as the
 * storage wrapper would seal them (same split, same JSON, the document id as associated data),
 * so the page's write takes the ciphertext instead of sealing on the UI thread (bench:import:
 * sealing was an eighth of the page's work during the write). Runs wherever it is called; the
 * key is only passed in, never kept.
 */
export function sealAhead(key: Uint8Array, items: readonly { candidate: Candidate; notes: readonly Note[] }[]): SealedOffer[] {
  const out: SealedOffer[] = [];
  const one = (kind: 'candidate' | 'note', doc: Record<string, unknown>) => {
    const json = JSON.stringify(splitSecret(doc, personalFieldsOf(kind)).secret);
    const id = String(doc.id);
    out.push({ kind, id, json, text: seal(key, json, id) });
  };
  for (const item of items) {
    one('candidate', item.candidate as unknown as Record<string, unknown>);
    for (const note of item.notes) one('note', note as unknown as Record<string, unknown>);
  }
  return out;
}
