import { FUNCTIONS, ROUTES, SECTORS, SUBJECTS } from '../taxonomy';
import { areaDistanceKm, postcodeArea } from './distance';

/**
 * Scoring a candidate against a vacancy, out of 100: sector 25, function 20, subjects 25,
 * distance 15, route 10, start date 5. Both sides are first "compiled" to bit masks and a PC2
 * area number, so that ranking 100,000 candidates is integer work without allocations; the
 * reasons (for people) are built only for the few that are shown.
 */
export const WEIGHTS = { sector: 25, function: 20, subjects: 25, distance: 15, route: 10, start: 5 } as const;

/** Beyond this distance the distance points are zero (and ranking may leave the pair out). */
export const FAR_KM = 80;
/** Up to this distance a school counts as near: full distance points. */
export const NEAR_KM = 10;
/** A start within this many days counts as soon. */
export const SOON_DAYS = 120;

/** Candidates in these phases are not proposed any more. */
export const UNMATCHABLE_PHASES: readonly string[] = ['geplaatst', 'gestopt'];

/** What the rules read from a candidate (the full Candidate type fits). */
export interface MatchCandidate {
  id: string;
  phase: string;
  sectors: readonly string[];
  functions: readonly string[];
  subjects: readonly string[];
  postcode?: string | undefined;
  preferredRoute?: string | undefined;
}

/** What the rules read from a vacancy (the full Vacancy type fits). */
export interface MatchVacancy {
  id: string;
  status: string;
  sector: string;
  function: string;
  subjects: readonly string[];
  routes: readonly string[];
  postcode?: string | undefined;
  startDate?: string | undefined;
  closingDate?: string | undefined;
}

/** Every reason key; each needs a `vacancies.reasons.<key>` text in both languages. */
export const MATCH_REASON_KEYS = [
  'sector', 'sectorOther', 'function', 'functionOther', 'subject', 'subjectMissing', 'distance', 'distanceFar', 'distanceUnknown',
  'route', 'routePossible', 'routeOther', 'startSoon', 'startLater',
] as const;

/** One reason, as an i18n key under `vacancies.reasons` with its parameters (taxonomy codes, km, dates). */
export interface MatchReason {
  key: (typeof MATCH_REASON_KEYS)[number];
  params?: Record<string, string | number>;
  /** Speaks for the match (✓) or against it. */
  good: boolean;
}

export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

function bitIndex(codes: readonly { code: string }[]): Map<string, number> {
  return new Map(codes.map((t, i) => [t.code, 1 << i]));
}
const SECTOR_BIT = bitIndex(SECTORS);
const FUNCTION_BIT = bitIndex(FUNCTIONS);
const SUBJECT_BIT = bitIndex(SUBJECTS);
const ROUTE_BIT = bitIndex(ROUTES);
const ZIJ_INSTROOM = ROUTE_BIT.get('zij_instroom')!;

function mask(codes: readonly string[], bits: Map<string, number>): number {
  let m = 0;
  for (const c of codes) m |= bits.get(c) ?? 0;
  return m;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface CompiledCandidate {
  sectors: number;
  functions: number;
  subjects: number;
  area: number;
  route: number;
  matchable: boolean;
}

export interface CompiledVacancy {
  sector: number;
  function: number;
  subjects: number;
  subjectCount: number;
  routes: number;
  area: number;
  /** Start-date points, fixed for a given day. */
  startPoints: number;
  open: boolean;
}

export function compileCandidate(c: MatchCandidate): CompiledCandidate {
  return {
    sectors: mask(c.sectors, SECTOR_BIT),
    functions: mask(c.functions, FUNCTION_BIT),
    subjects: mask(c.subjects, SUBJECT_BIT),
    area: postcodeArea(c.postcode),
    route: c.preferredRoute ? (ROUTE_BIT.get(c.preferredRoute) ?? 0) : 0,
    matchable: !UNMATCHABLE_PHASES.includes(c.phase),
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export function compileVacancy(v: MatchVacancy, today: string): CompiledVacancy {
  const subjects = mask(v.subjects, SUBJECT_BIT);
  const startPoints = !v.startDate ? 3 : daysBetween(today, v.startDate) <= SOON_DAYS ? WEIGHTS.start : 2;
  return {
    sector: SECTOR_BIT.get(v.sector) ?? 0,
    function: FUNCTION_BIT.get(v.function) ?? 0,
    subjects,
    subjectCount: popcount(subjects),
    routes: mask(v.routes, ROUTE_BIT),
    area: postcodeArea(v.postcode),
    startPoints,
    open: v.status === 'open' && (!v.closingDate || v.closingDate >= today),
  };
}

/** Whether the pair may be ranked at all: open vacancy, candidate still looking, sector not excluded. */
export function eligible(c: CompiledCandidate, v: CompiledVacancy): boolean {
  return v.open && c.matchable && (c.sectors === 0 || (c.sectors & v.sector) !== 0);
}

function distancePoints(km: number): number {
  if (km < 0) return 5;
  if (km <= NEAR_KM) return WEIGHTS.distance;
  if (km >= FAR_KM) return 0;
  return WEIGHTS.distance * (1 - (km - NEAR_KM) / (FAR_KM - NEAR_KM));
}

function routePoints(c: CompiledCandidate, v: CompiledVacancy): number {
  if (c.route !== 0 && (v.routes & c.route) !== 0) return WEIGHTS.route;
  if ((v.routes & ZIJ_INSTROOM) !== 0) return 6;
  return c.route !== 0 && v.routes !== 0 ? 0 : 3;
}

/** The score (0–100, one decimal) of a compiled pair; no allocation. */
export function scoreCompiled(c: CompiledCandidate, v: CompiledVacancy): number {
  let s = c.sectors === 0 ? 12 : (c.sectors & v.sector) !== 0 ? WEIGHTS.sector : 0;
  s += c.functions === 0 ? 10 : (c.functions & v.function) !== 0 ? WEIGHTS.function : 0;
  if (v.subjectCount === 0) s += 15;
  else if (c.subjects === 0) s += 8;
  else s += (WEIGHTS.subjects * popcount(c.subjects & v.subjects)) / v.subjectCount;
  s += distancePoints(areaDistanceKm(c.area, v.area));
  s += routePoints(c, v);
  s += v.startPoints;
  return Math.round(s * 10) / 10;
}

/** Score and reasons of one candidate for one vacancy on `today` (yyyy-mm-dd). */
export function scoreMatch(c: MatchCandidate, v: MatchVacancy, today: string): MatchScore {
  const cc = compileCandidate(c);
  const cv = compileVacancy(v, today);
  const reasons: MatchReason[] = [];
  for (const s of v.subjects) if (c.subjects.includes(s)) reasons.push({ key: 'subject', params: { subject: s }, good: true });
  if (v.subjects.length > 0 && c.subjects.length > 0 && !v.subjects.some((s) => c.subjects.includes(s))) {
    reasons.push({ key: 'subjectMissing', params: { subject: v.subjects[0]! }, good: false });
  }
  if (c.sectors.includes(v.sector)) reasons.push({ key: 'sector', params: { sector: v.sector }, good: true });
  else if (c.sectors.length > 0) reasons.push({ key: 'sectorOther', params: { sector: v.sector }, good: false });
  if (c.functions.includes(v.function)) reasons.push({ key: 'function', params: { function: v.function }, good: true });
  else if (c.functions.length > 0) reasons.push({ key: 'functionOther', params: { function: v.function }, good: false });
  const km = areaDistanceKm(cc.area, cv.area);
  if (km < 0) reasons.push({ key: 'distanceUnknown', good: false });
  else reasons.push({ key: km >= FAR_KM ? 'distanceFar' : 'distance', params: { km: Math.round(km) }, good: km < FAR_KM / 2 });
  if (c.preferredRoute && v.routes.includes(c.preferredRoute)) reasons.push({ key: 'route', params: { route: c.preferredRoute }, good: true });
  else if (v.routes.includes('zij_instroom')) reasons.push({ key: 'routePossible', params: { route: 'zij_instroom' }, good: true });
  else if (c.preferredRoute && v.routes.length > 0) reasons.push({ key: 'routeOther', params: { route: c.preferredRoute }, good: false });
  if (v.startDate) reasons.push({ key: cv.startPoints === WEIGHTS.start ? 'startSoon' : 'startLater', params: { date: v.startDate }, good: cv.startPoints === WEIGHTS.start });
  return { score: scoreCompiled(cc, cv), reasons };
}
