import { foldText, phoneDigits, type Candidate } from '../../../shared';
import { changedNoteText } from './noteText';
import { TermIndex } from './termIndex';

/** The searchable fields, in the order TermIndex numbers them, with the weight of a match in each. */
const FIELDS = ['name', 'email', 'phone', 'postcode', 'place', 'notes'] as const;
const BOOSTS = [3, 2, 1, 1, 1.5, 1];
/** How many results a query keeps (more than any screen shows; the list shows them all). */
const LIMIT = 500;
/** Queries remembered until the index changes: backspacing and retyping cost nothing. */
const CACHED_QUERIES = 64;

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** foldText, with a fast path for plain ASCII (most of the text), which it only lower-cases. */
function fold(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : foldText(text);
}

/** Folded words of a text: e-mail parts, postcode parts and name parts are separate words. */
export function searchWords(text: string): string[] {
  return fold(text).split(/[\s@.,;:()/+_-]+/u).filter(Boolean);
}

function fieldsOf(c: Candidate, notes: string): string[][] {
  const pc = c.postcode ?? '';
  const phone = c.phone ? phoneDigits(c.phone) : '';
  return [
    searchWords(`${c.firstName} ${c.lastName}`),
    searchWords(c.email ?? ''),
    // With and without the leading 0: "0612…" and "612…" both find it.
    phone ? [phone, phone.slice(1)].filter(Boolean) : [],
    // Both "7511 AB" and "7511AB" find it.
    pc ? searchWords(`${pc} ${pc.replace(/\s+/g, '')}`) : [],
    searchWords(c.place ?? ''),
    searchWords(notes),
  ];
}

/**
 * The search box's index: name, e-mail, phone, postcode, place and note text, folded so accents
 * and case do not matter, with prefix and typo tolerance (see TermIndex). It follows the local
 * store incrementally: `sync` compares each candidate with the object it indexed last (the
 * store's documents are immutable, so identity means unchanged) and re-indexes only what changed.
 * It keeps references to the store's documents, no copies.
 */
export class CandidateSearch {
  private readonly index = new TermIndex(BOOSTS);
  private readonly indexed = new Map<string, Candidate>();
  private readonly numberOf = new Map<string, number>();
  private readonly idOf: string[] = [];
  private readonly extra = new Map<string, string>();
  private readonly cache = new Map<string, string[]>();

  get size(): number {
    return this.indexed.size;
  }

  /** Brings the index up to date with the given documents; returns how many were (re)indexed. */
  sync(docs: readonly Candidate[]): number {
    const seen = new Set<string>();
    const changed = this.addChanged(docs, seen) + this.dropUnseen(seen);
    this.index.commit();
    return changed;
  }

  /**
   * The same as `sync`, a slice at a time with a pause in between (an idle callback in the app),
   * so building the index for 100,000 candidates after start never blocks a frame for long: a
   * slice ends after `chunk` candidates or `budgetMs` of work, whichever comes first.
   * Stops early (returns null) once `stale()` says newer documents have come.
   */
  async syncGradually(docs: readonly Candidate[], pause: () => Promise<void>, stale: () => boolean = () => false, chunk = 1000, budgetMs = 8): Promise<number | null> {
    const seen = new Set<string>();
    let changed = 0;
    let i = 0;
    while (i < docs.length) {
      const start = performance.now();
      const end = Math.min(docs.length, i + chunk);
      while (i < end) {
        const next = Math.min(end, i + 50);
        changed += this.addChanged(docs.slice(i, next), seen);
        i = next;
        // Merge new terms in batches: each merge is linear in the term count, so not per 50 candidates.
        if (this.index.pendingTerms > 4000) this.index.commit();
        if (performance.now() - start > budgetMs) break;
      }
      if (i < docs.length) {
        await pause();
        if (stale()) return null;
      }
    }
    changed += this.dropUnseen(seen);
    this.index.commit();
    return changed;
  }

  private addChanged(docs: readonly Candidate[], seen: Set<string>): number {
    let added = 0;
    for (const c of docs) {
      seen.add(c.id);
      const before = this.indexed.get(c.id);
      if (before === c) continue;
      this.indexed.set(c.id, c);
      this.put(c);
      added++;
    }
    if (added) this.changed();
    return added;
  }

  private dropUnseen(seen: ReadonlySet<string>): number {
    if (seen.size === this.indexed.size) return 0;
    let dropped = 0;
    for (const id of [...this.indexed.keys()]) {
      if (!seen.has(id)) {
        this.index.remove(this.numberOf.get(id)!);
        this.numberOf.delete(id);
        this.indexed.delete(id);
        dropped++;
      }
    }
    if (dropped) this.changed();
    return dropped;
  }

  /** Adds searchable text to a candidate (e.g. its notes); the notes feature calls this. */
  setExtraText(id: string, text: string): void {
    if (text) this.extra.set(id, text);
    else this.extra.delete(id);
    const c = this.indexed.get(id);
    if (c) {
      this.put(c);
      this.changed();
    }
  }

  /** (Re-)indexes one candidate under a fresh number. */
  private put(c: Candidate): void {
    const before = this.numberOf.get(c.id);
    if (before !== undefined) this.index.remove(before);
    const n = this.index.add(fieldsOf(c, this.extra.get(c.id) ?? ''));
    this.numberOf.set(c.id, n);
    this.idOf[n] = c.id;
  }

  /** New terms are merged into the sorted term array lazily (at the next search) or in batches while building. */
  private changed(): void {
    this.cache.clear();
  }

  /** Brings every candidate's extra text in line with `texts` (see noteTextByCandidate); returns how many changed. */
  syncExtraText(texts: ReadonlyMap<string, string>): number {
    const changed = changedNoteText(this.extra, texts);
    for (const [id, text] of changed) this.setExtraText(id, text);
    return changed.length;
  }

  /** Drops the remembered query results (the benchmark times queries as if typed for the first time). */
  forget(): void {
    this.cache.clear();
  }

  /** Ids of matching candidates (every query word matches one of her words), best first. */
  search(query: string, limit = LIMIT): string[] {
    const key = `${limit}|${query.trim()}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const words = searchWords(query);
    const ids = words.length ? this.index.search(words, limit).map((n) => this.idOf[n]!) : [];
    if (this.cache.size >= CACHED_QUERIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, ids);
    return ids;
  }
}

const byDb = new WeakMap<object, CandidateSearch>();

/** One index per open database, shared by every component that searches. */
export function searchFor(db: object): CandidateSearch {
  let s = byDb.get(db);
  if (!s) byDb.set(db, (s = new CandidateSearch()));
  return s;
}
