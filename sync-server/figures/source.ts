import { aggregateFigures, CANDIDATE_TYPE, regionDbName, type AggregateFigures, type CountedCandidate } from '../../src/shared';
import type { ReportCandidate } from '../../src/shared/report/compute';
import type { Store } from '../store/types';

/** What figures and reports need of a candidate: counts only, nothing that names a person. */
export type FigureCandidate = CountedCandidate & ReportCandidate;

interface Entry {
  seq: string;
  candidates: FigureCandidate[];
  figures: AggregateFigures;
}

const PAGE = 2000;

function slim(doc: Record<string, unknown>): FigureCandidate {
  const c = doc as unknown as FigureCandidate & { _id: string };
  return {
    id: c._id,
    phase: c.phase,
    createdAt: c.createdAt,
    sectors: c.sectors ?? [],
    functions: c.functions ?? [],
    subjects: c.subjects ?? [],
    preferredRoute: c.preferredRoute,
    source: c.source,
    ...(c.phaseHistory ? { phaseHistory: c.phaseHistory.map((h) => ({ from: h.from, to: h.to, at: h.at })) } : {}),
  };
}

/**
 * The candidates of each region's database, slimmed to the counted fields and cached by the
 * database's update_seq: a repeated request rescans a region only after it was written to.
 */
export class RegionCandidates {
  private readonly cache = new Map<string, Entry>();
  /** How many full scans were made (lets a test see that the cache works). */
  scans = 0;

  constructor(private readonly store: Store) {}

  private async entry(region: string): Promise<Entry> {
    const db = await this.store.open(regionDbName(region));
    if (!db) return { seq: '', candidates: [], figures: aggregateFigures([]) };
    const seq = String(await db.updateSeq());
    const hit = this.cache.get(region);
    if (hit && hit.seq === seq) return hit;
    this.scans++;
    const candidates: FigureCandidate[] = [];
    let startkey: string | undefined;
    for (;;) {
      const res = (await db.allDocs({ include_docs: true, limit: PAGE, ...(startkey !== undefined ? { startkey, skip: 1 } : {}) })) as {
        rows: { id: string; doc?: Record<string, unknown> }[];
      };
      for (const row of res.rows) {
        const d = row.doc;
        if (d && d.type === CANDIDATE_TYPE && d._deleted !== true && typeof d.phase === 'string' && typeof d.createdAt === 'string') candidates.push(slim(d));
      }
      if (res.rows.length < PAGE) break;
      startkey = res.rows[res.rows.length - 1]!.id;
    }
    const entry = { seq, candidates, figures: aggregateFigures(candidates) };
    this.cache.set(region, entry);
    return entry;
  }

  async candidates(region: string): Promise<FigureCandidate[]> {
    return (await this.entry(region)).candidates;
  }

  /** Unsuppressed figures of one region (its own database: every candidate linked to it). */
  async figures(region: string): Promise<AggregateFigures> {
    return (await this.entry(region)).figures;
  }

  private readonly unions = new Map<string, { seqs: string; figures: AggregateFigures }>();

  /** Unsuppressed figures of several regions, each candidate once (a linked one is in several). */
  async union(regions: readonly string[]): Promise<AggregateFigures> {
    if (regions.length === 1) return this.figures(regions[0]!);
    const key = [...regions].sort().join(',');
    const entries = await Promise.all(regions.map((r) => this.entry(r)));
    const seqs = entries.map((e) => e.seq).join(',');
    const hit = this.unions.get(key);
    if (hit && hit.seqs === seqs) return hit.figures;
    const seen = new Set<string>();
    const all: FigureCandidate[] = [];
    for (const e of entries) {
      for (const c of e.candidates) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        all.push(c);
      }
    }
    const figures = aggregateFigures(all);
    this.unions.set(key, { seqs, figures });
    return figures;
  }

  /** Candidates of several regions, each once. */
  async unionCandidates(regions: readonly string[]): Promise<FigureCandidate[]> {
    const seen = new Set<string>();
    const all: FigureCandidate[] = [];
    for (const r of regions) {
      for (const c of await this.candidates(r)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        all.push(c);
      }
    }
    return all;
  }
}
