import { fromWire, isOpenVacancy, regionDbName, vacancySchema, type Vacancy } from '../../src/shared';
import type { Store } from '../store/types';

/**
 * What the public sees of a vacancy: an explicit whitelist, so a field added to the vacancy later
 * (or the contact person's name, e-mail and phone) never leaks onto the public page.
 */
export interface PublicVacancy {
  id: string;
  title: string;
  organisation: string;
  function: string;
  sector: string;
  subjects: string[];
  routes: string[];
  hoursPerWeek?: number;
  place?: string;
  startDate?: string;
  closingDate?: string;
  description?: string;
}

export function toPublic(v: Vacancy): PublicVacancy {
  return {
    id: v.id,
    title: v.title,
    organisation: v.organisationName,
    function: v.function,
    sector: v.sector,
    subjects: [...v.subjects],
    routes: [...v.routes],
    ...(v.hoursPerWeek !== undefined ? { hoursPerWeek: v.hoursPerWeek } : {}),
    ...(v.place ? { place: v.place } : {}),
    ...(v.startDate ? { startDate: v.startDate } : {}),
    ...(v.closingDate ? { closingDate: v.closingDate } : {}),
    ...(v.description ? { description: v.description } : {}),
  };
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The public, open vacancies of a region, read from its database by id range (`vac-…`) and cached
 * per database update sequence and day: a busy website costs one range read per change.
 */
export class PublicVacancyList {
  private cache = new Map<string, { key: string; list: PublicVacancy[] }>();
  constructor(private readonly store: Store) {}

  async of(region: string): Promise<PublicVacancy[] | null> {
    const db = await this.store.open(regionDbName(region));
    if (!db) return null;
    const key = `${String(await db.updateSeq())}|${todayUtc()}`;
    const hit = this.cache.get(region);
    if (hit && hit.key === key) return hit.list;
    const res = (await db.allDocs({ startkey: 'vac-', endkey: 'vac-\ufff0', include_docs: true })) as { rows: { doc?: Record<string, unknown> }[] };
    const today = todayUtc();
    const list: PublicVacancy[] = [];
    for (const row of res.rows) {
      if (!row.doc || row.doc._deleted || row.doc.type !== 'vacancy') continue;
      const parsed = vacancySchema.safeParse(fromWire(row.doc));
      if (!parsed.success) continue;
      const v = parsed.data;
      if (v.public && v.region === region && isOpenVacancy(v, today)) list.push(toPublic(v));
    }
    list.sort((a, b) => (a.closingDate ?? '9999').localeCompare(b.closingDate ?? '9999') || a.title.localeCompare(b.title, 'nl'));
    this.cache.set(region, { key, list });
    return list;
  }
}
