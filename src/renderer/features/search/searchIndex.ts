import MiniSearch from 'minisearch';
import { foldText, phoneDigits, type Candidate } from '../../../shared';
import { changedNoteText } from './noteText';

interface Entry {
  id: string;
  name: string;
  email: string;
  phone: string;
  postcode: string;
  place: string;
  /** Text of the candidate's notes, once the notes feature provides it (see setExtraText). */
  notes: string;
}

const FIELDS = ['name', 'email', 'phone', 'postcode', 'place', 'notes'] as const;

function entryOf(c: Candidate, notes: string): Entry {
  const pc = c.postcode ?? '';
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`,
    email: c.email ?? '',
    phone: c.phone ? `${phoneDigits(c.phone)} ${phoneDigits(c.phone).slice(1)}` : '',
    // Both "7511 AB" and "7511AB" find it.
    postcode: pc ? `${pc} ${pc.replace(/\s+/g, '')}` : '',
    place: c.place ?? '',
    notes,
  };
}

/**
 * The search box's index: name, e-mail, phone, postcode, place (and note text), folded so
 * accents and case do not matter, with prefix and typo tolerance. It follows the local store
 * incrementally: `sync` compares each candidate with the object it indexed last (the store's
 * documents are immutable, so identity means unchanged) and re-indexes only what changed.
 */
export class CandidateSearch {
  private readonly mini = new MiniSearch<Entry>({
    fields: [...FIELDS],
    storeFields: [],
    processTerm: (term) => {
      const t = foldText(term);
      return t.length > 0 ? t : null;
    },
    tokenize: (text) => text.split(/[\s@.,;:()/+_-]+/u).filter(Boolean),
    searchOptions: {
      boost: { name: 3, email: 2, place: 1.5 },
      prefix: true,
      // Typos: one edit in words of 4+ letters, two from six letters (a swapped pair of letters is two edits); short words match exactly.
      fuzzy: (term) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : false),
      combineWith: 'AND',
    },
  });
  private readonly indexed = new Map<string, Candidate>();
  private readonly extra = new Map<string, string>();

  get size(): number {
    return this.indexed.size;
  }

  /** Brings the index up to date with the given documents; returns how many were (re)indexed. */
  sync(docs: readonly Candidate[]): number {
    const seen = new Set<string>();
    return this.addChanged(docs, seen) + this.dropUnseen(seen);
  }

  /**
   * The same as `sync`, a chunk at a time with a pause in between (an idle callback in the app),
   * so building the index for 100,000 candidates after start never blocks a frame for long.
   * Stops early (returns null) once `stale()` says newer documents have come.
   */
  async syncGradually(docs: readonly Candidate[], pause: () => Promise<void>, stale: () => boolean = () => false, chunk = 1000): Promise<number | null> {
    const seen = new Set<string>();
    let changed = 0;
    for (let i = 0; i < docs.length; i += chunk) {
      changed += this.addChanged(docs.slice(i, i + chunk), seen);
      if (i + chunk < docs.length) {
        await pause();
        if (stale()) return null;
      }
    }
    return changed + this.dropUnseen(seen);
  }

  private addChanged(docs: readonly Candidate[], seen: Set<string>): number {
    const added: Entry[] = [];
    for (const c of docs) {
      seen.add(c.id);
      const before = this.indexed.get(c.id);
      if (before === c) continue;
      if (before) this.mini.discard(c.id);
      this.indexed.set(c.id, c);
      added.push(entryOf(c, this.extra.get(c.id) ?? ''));
    }
    if (added.length) this.mini.addAll(added);
    return added.length;
  }

  private dropUnseen(seen: ReadonlySet<string>): number {
    if (seen.size === this.indexed.size) return 0;
    let dropped = 0;
    for (const id of [...this.indexed.keys()]) {
      if (!seen.has(id)) {
        this.mini.discard(id);
        this.indexed.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  /** Adds searchable text to a candidate (e.g. its notes); the notes feature calls this. */
  setExtraText(id: string, text: string): void {
    if (text) this.extra.set(id, text);
    else this.extra.delete(id);
    const c = this.indexed.get(id);
    if (c) this.mini.replace(entryOf(c, text));
  }

  /** Brings every candidate's extra text in line with `texts` (see noteTextByCandidate); returns how many changed. */
  syncExtraText(texts: ReadonlyMap<string, string>): number {
    const changed = changedNoteText(this.extra, texts);
    for (const [id, text] of changed) this.setExtraText(id, text);
    return changed.length;
  }

  /** Ids of matching candidates, best first. */
  search(query: string, limit = 500): string[] {
    const q = query.trim();
    if (!q) return [];
    return this.mini.search(q).slice(0, limit).map((r) => String(r.id));
  }
}

const byDb = new WeakMap<object, CandidateSearch>();

/** One index per open database, shared by every component that searches. */
export function searchFor(db: object): CandidateSearch {
  let s = byDb.get(db);
  if (!s) byDb.set(db, (s = new CandidateSearch()));
  return s;
}
