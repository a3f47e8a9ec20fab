import { SECTORS } from '../taxonomy';
import {
  compileCandidate, compileVacancy, eligible, scoreCompiled, scoreMatch,
  type CompiledCandidate, type CompiledVacancy, type MatchCandidate, type MatchReason, type MatchVacancy,
} from './score';

export interface Ranked<T> {
  item: T;
  score: number;
  reasons: MatchReason[];
}

export interface RankOptions {
  /** yyyy-mm-dd: closing and start dates are judged against it. */
  today: string;
  /** How many to return (best first); default 50. */
  limit?: number;
}

/**
 * Keeps the best `limit` (score desc, then id asc) seen so far in a sorted array: with a limit of
 * tens and most scores below the cut, this beats sorting everything.
 */
class TopK {
  readonly scores: number[] = [];
  readonly ids: string[] = [];
  readonly idx: number[] = [];
  constructor(private readonly k: number) {}
  offer(score: number, id: string, i: number): void {
    const n = this.scores.length;
    if (n === this.k) {
      const ls = this.scores[n - 1]!;
      if (score < ls || (score === ls && id > this.ids[n - 1]!)) return;
    }
    let p = n;
    while (p > 0 && (this.scores[p - 1]! < score || (this.scores[p - 1] === score && this.ids[p - 1]! > id))) p--;
    this.scores.splice(p, 0, score);
    this.ids.splice(p, 0, id);
    this.idx.splice(p, 0, i);
    if (this.scores.length > this.k) {
      this.scores.pop();
      this.ids.pop();
      this.idx.pop();
    }
  }
}

/**
 * The candidates of a region prepared for ranking: compiled once, and bucketed by sector (a
 * candidate without a sector preference is in every bucket), so ranking for a vacancy looks only
 * at candidates who could want its sector. Rebuild (or `build` again) when candidates change.
 */
export class CandidatePool<C extends MatchCandidate = MatchCandidate> {
  private compiled: CompiledCandidate[] = [];
  private bySector = new Map<string, number[]>();
  constructor(private items: readonly C[] = []) {
    this.build(items);
  }

  build(items: readonly C[]): this {
    this.items = items;
    this.compiled = items.map(compileCandidate);
    this.bySector = new Map(SECTORS.map((s) => [s.code, [] as number[]]));
    items.forEach((c, i) => {
      if (!this.compiled[i]!.matchable) return;
      const sectors = c.sectors.length > 0 ? c.sectors : SECTORS.map((s) => s.code);
      for (const s of sectors) this.bySector.get(s)?.push(i);
    });
    return this;
  }

  get size(): number {
    return this.items.length;
  }

  /** The best candidates for a vacancy, with reasons. */
  rankFor(vacancy: MatchVacancy, opts: RankOptions): Ranked<C>[] {
    const cv = compileVacancy(vacancy, opts.today);
    if (!cv.open) return [];
    const top = new TopK(opts.limit ?? 50);
    for (const i of this.bySector.get(vacancy.sector) ?? []) {
      const cc = this.compiled[i]!;
      if (!eligible(cc, cv)) continue;
      top.offer(scoreCompiled(cc, cv), this.items[i]!.id, i);
    }
    return top.idx.map((i) => ({ item: this.items[i]!, ...scoreMatch(this.items[i]!, vacancy, opts.today) }));
  }
}

/** The open vacancies prepared for ranking against candidates, bucketed by sector. */
export class VacancyPool<V extends MatchVacancy = MatchVacancy> {
  private compiled: CompiledVacancy[] = [];
  private bySector = new Map<string, number[]>();
  constructor(private items: readonly V[], private readonly today: string) {
    this.build(items);
  }

  build(items: readonly V[]): this {
    this.items = items;
    this.compiled = items.map((v) => compileVacancy(v, this.today));
    this.bySector = new Map(SECTORS.map((s) => [s.code, [] as number[]]));
    items.forEach((v, i) => {
      if (this.compiled[i]!.open) this.bySector.get(v.sector)?.push(i);
    });
    return this;
  }

  /** The best open vacancies for a candidate, with reasons. */
  rankFor(candidate: MatchCandidate, opts: { limit?: number } = {}): Ranked<V>[] {
    const cc = compileCandidate(candidate);
    if (!cc.matchable) return [];
    const top = new TopK(opts.limit ?? 50);
    const sectors = candidate.sectors.length > 0 ? candidate.sectors : SECTORS.map((s) => s.code);
    for (const s of sectors) {
      for (const i of this.bySector.get(s) ?? []) top.offer(scoreCompiled(cc, this.compiled[i]!), this.items[i]!.id, i);
    }
    return top.idx.map((i) => ({ item: this.items[i]!, ...scoreMatch(candidate, this.items[i]!, this.today) }));
  }
}

/** Ranks vacancies for one candidate without a pool (small lists, the UI's common case). */
export function rankVacancies<V extends MatchVacancy>(candidate: MatchCandidate, vacancies: readonly V[], opts: RankOptions): Ranked<V>[] {
  return new VacancyPool(vacancies, opts.today).rankFor(candidate, opts);
}

export function rankCandidates<C extends MatchCandidate>(vacancy: MatchVacancy, candidates: readonly C[], opts: RankOptions): Ranked<C>[] {
  return new CandidatePool(candidates).rankFor(vacancy, opts);
}

/**
 * The obvious way, kept as the benchmark's baseline and the tests' oracle: score every pair
 * with reasons, drop the ineligible, sort everything.
 */
export function naiveRank<C extends MatchCandidate, V extends MatchVacancy>(
  pairs: readonly { c: C; v: V; id: string }[], today: string, limit = 50,
): { id: string; score: number; reasons: MatchReason[] }[] {
  const out: { id: string; score: number; reasons: MatchReason[] }[] = [];
  for (const { c, v, id } of pairs) {
    if (!eligible(compileCandidate(c), compileVacancy(v, today))) continue;
    out.push({ id, ...scoreMatch(c, v, today) });
  }
  out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.slice(0, limit);
}
