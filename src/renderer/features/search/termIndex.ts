import SearchableMap from 'minisearch/SearchableMap';

/**
 * A compact inverted index for the list's search box: folded terms → postings (document number
 * and field packed in one small integer), a sorted term array for prefix ranges found by binary
 * search, and minisearch's radix tree (`SearchableMap.fuzzyGet`) for typo-tolerant look-ups of
 * words. Scoring goes into typed arrays indexed by document number and only the best `limit`
 * are sorted, so a one-letter prefix that matches 60,000 of 100,000 candidates costs a few
 * milliseconds. (MiniSearch's own `search` builds a result object per matching document and sorts
 * them all: 100–2,000 ms per keystroke at 100,000, see bench/search.ts and the README.)
 */

const FIELD_BITS = 3;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
/**
 * Words of one or two letters are answered from a posting list per prefix (what a first keystroke
 * types); ranging over every term that starts with "0" or "7" (each phone number and postcode)
 * took 20–40 ms at 100,000. A short-prefix posting packs document, field and the length of the
 * shortest word there with that prefix (capped: closeness only needs it roughly).
 */
const SHORT = 2;
const LEN_CAP = 15;
const SHORT_UNIT = (FIELD_MASK + 1) * (LEN_CAP + 1);

/** How well a typed prefix of `typed` letters matches a word of `length` letters: 1 when whole, 0.25–0.75 by how much is typed. */
export function closeness(typed: number, length: number): number {
  return length === typed ? 1 : 0.25 + (0.5 * typed) / Math.min(length, LEN_CAP);
}
/** Query words beyond this are ignored (the round counter per query has room for 31). */
export const MAX_QUERY_TERMS = 31;
const ROUNDS = 32;

/** Whether typos are tolerated in a query word, and how many: one from 4 letters, two from 6 (a swapped pair is two edits). */
export function maxTypos(term: string): number {
  if (!/\p{L}/u.test(term)) return 0; // digits (phone, postcode) match exactly or by prefix only
  return term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first string after every string that starts with `prefix`. */
function pastPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export class TermIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postings: number[][] = [];
  /** Every term in code-unit order, with its id alongside; new terms wait in `pending` until `commit`. */
  private sorted: string[] = [];
  private sortedIds: number[] = [];
  private pending: number[] = [];
  private readonly termOf: string[] = [];
  private readonly fuzzy = new SearchableMap<number>();
  private readonly short = new Map<string, number[]>();
  private alive = new Uint8Array(1024);
  private docs = 0;
  private live = 0;
  /** Removed documents whose postings are still there. */
  private garbage = 0;
  // Scratch space per document number, reused by every query (no allocation per match).
  private mark = new Uint32Array(1024);
  private best = new Float32Array(1024);
  private acc = new Float32Array(1024);
  private base = 0;

  /** `boosts[f]`: the weight of a match in field f (at most 8 fields). */
  constructor(private readonly boosts: readonly number[]) {
    if (boosts.length > FIELD_MASK + 1) throw new Error('at most 8 fields');
  }

  /** Terms added since the last `commit`. */
  get pendingTerms(): number {
    return this.pending.length;
  }

  get liveDocuments(): number {
    return this.live;
  }

  /** Indexes a document given as folded words per field; returns its number (numbers are never reused). */
  add(fields: readonly (readonly string[])[]): number {
    const doc = this.docs++;
    if (doc >= this.alive.length) this.grow(doc + 1);
    this.alive[doc] = 1;
    this.live++;
    for (let f = 0; f < fields.length; f++) {
      const code = doc * (FIELD_MASK + 1) + f;
      for (const term of fields[f]!) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.postings.length;
          this.termIds.set(term, id);
          this.postings.push([]);
          this.termOf.push(term);
          this.pending.push(id);
          // Only words take part in typo matching: the tree stays small (no phone numbers or postcodes).
          if (/\p{L}/u.test(term)) this.fuzzy.set(term, id);
        }
        const list = this.postings[id]!;
        if (list[list.length - 1] !== code) list.push(code);
      }
      this.addShort(doc, f, fields[f]!);
    }
    return doc;
  }

  // Scratch for addShort: the prefixes of one field and the shortest word length for each (a field has few words, so a linear look-up beats a Map).
  private readonly prefixes: string[] = [];
  private readonly lengths: number[] = [];

  private addShort(doc: number, field: number, terms: readonly string[]): void {
    const { prefixes, lengths } = this;
    prefixes.length = 0;
    lengths.length = 0;
    for (const term of terms) {
      const len = Math.min(term.length, LEN_CAP);
      for (let n = 1; n <= Math.min(SHORT, term.length); n++) {
        const p = n === term.length ? term : term.slice(0, n);
        const at = prefixes.indexOf(p);
        if (at < 0) {
          prefixes.push(p);
          lengths.push(len);
        } else if (len < lengths[at]!) lengths[at] = len;
      }
    }
    for (let i = 0; i < prefixes.length; i++) {
      const code = doc * SHORT_UNIT + field * (LEN_CAP + 1) + lengths[i]!;
      const list = this.short.get(prefixes[i]!);
      if (list) list.push(code);
      else this.short.set(prefixes[i]!, [code]);
    }
  }

  /** Forgets a document; its postings are dropped lazily (all at once when half the numbers are dead). */
  remove(doc: number): void {
    if (!this.alive[doc]) return;
    this.alive[doc] = 0;
    this.live--;
    this.garbage++;
    if (this.garbage > 1000 && this.garbage > this.live) this.compact();
  }

  /** Merges the terms added since the last call into the sorted array (one sort of the new ones and a linear merge). */
  commit(): void {
    if (!this.pending.length) return;
    const fresh = this.pending.sort((a, b) => (this.termOf[a]! < this.termOf[b]! ? -1 : 1));
    this.pending = [];
    const terms: string[] = new Array(this.sorted.length + fresh.length);
    const ids: number[] = new Array(terms.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < terms.length; k++) {
      if (j >= fresh.length || (i < this.sorted.length && this.sorted[i]! < this.termOf[fresh[j]!]!)) {
        terms[k] = this.sorted[i]!;
        ids[k] = this.sortedIds[i++]!;
      } else {
        ids[k] = fresh[j]!;
        terms[k] = this.termOf[fresh[j++]!]!;
      }
    }
    this.sorted = terms;
    this.sortedIds = ids;
  }

  /**
   * Document numbers that match every query word (by prefix, exactly, or within `maxTypos`),
   * best first: per word the best of its matches (field boost × closeness: exact 1, a prefix
   * 0.25–0.75 by how much of the word is typed, a typo less), summed over the words; ties in
   * order of indexing.
   */
  search(words: readonly string[], limit: number): number[] {
    this.commit();
    const qs = words.slice(0, MAX_QUERY_TERMS);
    if (!qs.length || limit <= 0) return [];
    if (this.base > 0xffffffff - 2 * ROUNDS) {
      this.mark.fill(0);
      this.base = 0;
    }
    const base = (this.base += ROUNDS);
    let matched: number[] = [];
    for (let round = 0; round < qs.length; round++) {
      const q = qs[round]!;
      const now: number[] = [];
      if (q.length <= SHORT) {
        this.scoreShort(q, round, base, now);
      } else {
        const lo = lowerBound(this.sorted, q);
        const hi = lowerBound(this.sorted, pastPrefix(q));
        for (let k = lo; k < hi; k++) this.score(this.sortedIds[k]!, closeness(q.length, this.sorted[k]!.length), round, base, now);
      }
      const typos = maxTypos(q);
      if (typos > 0) {
        for (const [term, [id, distance]] of this.fuzzy.fuzzyGet(q, typos)) {
          if (term.startsWith(q)) continue; // already scored as a prefix
          this.score(id, 0.5 * (1 - distance / q.length), round, base, now);
        }
      }
      for (const doc of now) this.acc[doc] = (round === 0 ? 0 : this.acc[doc]!) + this.best[doc]!;
      matched = now;
      if (!matched.length) return [];
    }
    return this.top(matched, limit);
  }

  private score(id: number, closeness: number, round: number, base: number, now: number[]): void {
    const list = this.postings[id]!;
    const { mark, best, alive, boosts } = this;
    const done = base + round + 1;
    for (let i = 0; i < list.length; i++) {
      const code = list[i]!;
      const doc = (code / (FIELD_MASK + 1)) | 0;
      const m = mark[doc]!;
      const s = boosts[code & FIELD_MASK]! * closeness;
      if (m === done) {
        if (s > best[doc]!) best[doc] = s;
      } else if (round === 0 ? alive[doc] === 1 : m === base + round) {
        mark[doc] = done;
        best[doc] = s;
        now.push(doc);
      }
    }
  }

  /** The same as `score` for every word starting with a one- or two-letter `q`, from its prefix list. */
  private scoreShort(q: string, round: number, base: number, now: number[]): void {
    const list = this.short.get(q);
    if (!list) return;
    const { mark, best, alive, boosts } = this;
    const done = base + round + 1;
    const lens = LEN_CAP + 1;
    for (let i = 0; i < list.length; i++) {
      const code = list[i]!;
      const doc = (code / SHORT_UNIT) | 0;
      const rest = code - doc * SHORT_UNIT;
      const s = boosts[(rest / lens) | 0]! * closeness(q.length, rest % lens);
      const m = mark[doc]!;
      if (m === done) {
        if (s > best[doc]!) best[doc] = s;
      } else if (round === 0 ? alive[doc] === 1 : m === base + round) {
        mark[doc] = done;
        best[doc] = s;
        now.push(doc);
      }
    }
  }

  /** The `limit` best of `docs` by score, ties by number: a bounded min-heap, then one small sort. */
  private top(docs: number[], limit: number): number[] {
    const acc = this.acc;
    const better = (a: number, b: number) => acc[a]! > acc[b]! || (acc[a] === acc[b] && a < b);
    if (docs.length > limit) {
      const heap = docs.slice(0, limit);
      const down = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let w = i;
          if (l < limit && better(heap[w]!, heap[l]!)) w = l;
          if (r < limit && better(heap[w]!, heap[r]!)) w = r;
          if (w === i) return;
          [heap[i], heap[w]] = [heap[w]!, heap[i]!];
          i = w;
        }
      };
      for (let i = (limit >> 1) - 1; i >= 0; i--) down(i);
      for (let i = limit; i < docs.length; i++) {
        if (better(docs[i]!, heap[0]!)) {
          heap[0] = docs[i]!;
          down(0);
        }
      }
      docs = heap;
    }
    return docs.sort((a, b) => (better(a, b) ? -1 : 1));
  }

  private grow(min: number): void {
    const size = Math.max(min, this.alive.length * 2);
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    this.mark = new Uint32Array(size);
    this.base = 0;
    this.best = new Float32Array(size);
    this.acc = new Float32Array(size);
  }

  private compact(): void {
    for (const list of this.postings) {
      let w = 0;
      for (let r = 0; r < list.length; r++) if (this.alive[(list[r]! / (FIELD_MASK + 1)) | 0]) list[w++] = list[r]!;
      list.length = w;
    }
    for (const list of this.short.values()) {
      let w = 0;
      for (let r = 0; r < list.length; r++) if (this.alive[(list[r]! / SHORT_UNIT) | 0]) list[w++] = list[r]!;
      list.length = w;
    }
    // Removed numbers now appear in no posting; they stay unused (a number is never handed out twice).
    this.garbage = 0;
  }
}
