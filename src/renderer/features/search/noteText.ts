import type { Note } from '../../../shared';

/**
 * The searchable note text per candidate: every note and comment in the local store (the server
 * only sends a region's comments to that region, so what is here is what the user may see).
 * Retracted notes are left out: their text must not find the person any more.
 */
export function noteTextByCandidate(notes: Iterable<Pick<Note, 'candidateId' | 'text' | 'retracted'>>): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const n of notes) {
    if (n.retracted) continue;
    const list = parts.get(n.candidateId);
    if (list) list.push(n.text);
    else parts.set(n.candidateId, [n.text]);
  }
  const out = new Map<string, string>();
  for (const [id, texts] of parts) out.set(id, texts.join('\n'));
  return out;
}

/** Candidates whose note text differs between two snapshots (added, changed or gone). */
export function changedNoteText(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): [string, string][] {
  const changed: [string, string][] = [];
  for (const [id, text] of after) if (before.get(id) !== text) changed.push([id, text]);
  for (const id of before.keys()) if (!after.has(id)) changed.push([id, '']);
  return changed;
}
