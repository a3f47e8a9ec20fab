import {
  candidateSchema,
  giveConsent,
  newCandidate,
  type Candidate,
  type CandidateInput,
  type EducationLevel,
  type JobFunction,
  type Phase,
  type PhaseChange,
  type Route,
  type Sector,
  type Source,
  type Subject,
} from '../../src/shared';
import { FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS, mailName, MOTIVATIONS, PLACES, PROFESSIONS, REGIONAL_LAST_NAMES, STREETS } from './dutch';
import { Picker, seededRandom } from './prng';

const PHASE_WEIGHTS: [Phase, number][] = [
  ['nieuw', 30], ['orienteren', 25], ['voorbereiden', 15], ['matchen', 10],
  ['opleiden', 7], ['geplaatst', 5], ['on_hold', 4], ['gestopt', 4],
];
const SECTOR_WEIGHTS: [Sector, number][] = [['po', 35], ['vo', 30], ['mbo', 20], ['so', 6], ['pro', 4], ['ho', 5]];
const FUNCTION_WEIGHTS: [JobFunction, number][] = [
  ['docent', 60], ['onderwijsassistent', 15], ['instructeur', 8], ['oop', 6], ['leerlingzorg', 5], ['middenmanagement', 3], ['schoolleider', 3],
];
const SOURCE_WEIGHTS: [Source, number][] = [['website', 35], ['event', 25], ['onderwijsloket', 20], ['manual', 12], ['referral', 5], ['import', 3]];
const LEVEL_WEIGHTS: [EducationLevel, number][] = [['mbo', 15], ['hbo', 45], ['wo_bachelor', 10], ['wo_master', 25], ['phd', 2], ['other', 3]];
const SECONDARY_SUBJECTS: Subject[] = [
  'wiskunde', 'natuurkunde', 'scheikunde', 'biologie', 'informatica', 'nederlands', 'engels', 'duits', 'frans',
  'geschiedenis', 'aardrijkskunde', 'economie', 'lichamelijke_opvoeding', 'kunst',
];
const MBO_SUBJECTS: Subject[] = ['techniek', 'zorg_welzijn', 'economie', 'informatica', 'nederlands', 'engels'];

function routeFor(p: Picker, sector: Sector, level: EducationLevel): Route {
  if (sector === 'po' || sector === 'so') return p.weighted([['zij_instroom', 45], ['deeltijd_pabo', 40], ['herintreding', 15]]);
  if (sector === 'mbo') return p.weighted([['pdg', 55], ['zij_instroom', 35], ['herintreding', 10]]);
  if (level === 'wo_master' || level === 'phd') return p.weighted([['eerstegraads', 40], ['zij_instroom', 40], ['educatieve_minor', 20]]);
  return p.weighted([['tweedegraads', 45], ['zij_instroom', 40], ['herintreding', 15]]);
}

const DAY = 86_400_000;

/** The journey's main line; people pause or stop somewhere along it. */
const JOURNEY: Phase[] = ['nieuw', 'orienteren', 'voorbereiden', 'matchen', 'opleiden', 'geplaatst'];

/**
 * A believable phase history ending in `phase`: the steps along the journey (a stop or pause
 * after some of them), spread between creation and the last update, each by one of the owners.
 */
export function demoHistory(p: Picker, phase: Phase, createdMs: number, updatedMs: number, owners: string[]): PhaseChange[] {
  let path: Phase[];
  if (phase === 'on_hold' || phase === 'gestopt') {
    path = [...JOURNEY.slice(0, p.int(1, 4)), phase];
    if (phase === 'gestopt' && p.chance(0.2)) path.splice(path.length - 1, 0, 'on_hold');
  } else {
    path = JOURNEY.slice(0, JOURNEY.indexOf(phase) + 1);
  }
  const span = Math.max(updatedMs - createdMs, path.length * 60_000);
  // Cut points between creation and the last update, sorted: stays of different lengths.
  const cuts = Array.from({ length: path.length - 1 }, () => createdMs + Math.floor(p.int(1, 1000) / 1000 * span)).sort((a, b) => a - b);
  const out: PhaseChange[] = [{ to: path[0]!, at: new Date(createdMs).toISOString(), by: p.one(owners) }];
  for (let i = 1; i < path.length; i++) {
    out.push({ from: path[i - 1]!, to: path[i]!, at: new Date(Math.max(cuts[i - 1]!, createdMs + i * 60_000)).toISOString(), by: p.one(owners) });
  }
  return out;
}

/**
 * About `count` believable candidates of one region, the same on every run for the same region
 * and `now`'s day. Every one is built with `newCandidate` and checked with `candidateSchema`.
 */
export function demoCandidates(region: string, count: number, owners: string[], now = Date.now()): Candidate[] {
  const places = PLACES[region];
  if (!places) throw new Error(`no demo places for region ${region}`);
  const p = new Picker(seededRandom(`regiodesk-demo-${region}`));
  const lastNames = [...LAST_NAMES, ...(REGIONAL_LAST_NAMES[region] ?? []), ...(REGIONAL_LAST_NAMES[region] ?? [])];
  const out: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = p.one(FIRST_NAMES);
    const lastName = p.one(lastNames);
    const [place, pcFrom, pcTo] = p.one(places);
    const letters = String.fromCharCode(65 + p.int(0, 25)) + String.fromCharCode(65 + p.int(0, 25));
    const postcode = `${p.int(pcFrom, pcTo)} ${letters}`.replace(/ (SA|SD|SS)$/, ' AB');
    const sector = p.weighted(SECTOR_WEIGHTS);
    const sectors = p.chance(0.2) ? [...new Set([sector, p.weighted(SECTOR_WEIGHTS)])] : [sector];
    const fn = p.weighted(FUNCTION_WEIGHTS);
    const functions = p.chance(0.15) ? [...new Set([fn, p.weighted(FUNCTION_WEIGHTS)])] : [fn];
    const level = p.weighted(LEVEL_WEIGHTS);
    const subjects: Subject[] =
      sector === 'vo' || sector === 'ho'
        ? p.some(SECONDARY_SUBJECTS, p.int(1, 2))
        : sector === 'mbo'
          ? p.some(MBO_SUBJECTS, 1)
          : sector === 'po'
            ? ['groepsleerkracht']
            : [];
    const createdMs = now - p.int(1, 548) * DAY - p.int(0, DAY - 1);
    const updatedMs = Math.min(now, createdMs + p.int(0, 120) * DAY + p.int(0, DAY - 1));
    const owner = p.one(owners);
    const birthYear = p.int(1964, 2001);
    const input: Partial<CandidateInput> = {
      firstName,
      lastName,
      phase: p.weighted(PHASE_WEIGHTS),
      sectors,
      functions,
      subjects,
      place,
      postcode,
      address: `${p.one(STREETS)} ${p.int(1, 180)}`,
      email: `${mailName(firstName, lastName)}${p.chance(0.3) ? p.int(1, 99) : ''}@${p.one(MAIL_DOMAINS)}`,
      phone: `06-${String(p.int(10_000_000, 99_999_999))}`,
      dateOfBirth: `${birthYear}-${String(p.int(1, 12)).padStart(2, '0')}-${String(p.int(1, 28)).padStart(2, '0')}`,
      currentProfession: p.one(PROFESSIONS),
      educationLevel: level,
      preferredRoute: routeFor(p, sector, level),
      source: p.weighted(SOURCE_WEIGHTS),
      motivation: p.chance(0.7) ? p.one(MOTIVATIONS) : undefined,
      // A current, known consent text (src/shared/consent.ts), so demo people are not flagged.
      consent: giveConsent('form', new Date(createdMs).toISOString()),
      regions: [region],
      ownerRegion: region,
      owner,
    };
    const candidate = newCandidate(input, { id: `${region}-${p.hex(24)}`, user: owner, now: new Date(createdMs).toISOString() });
    candidate.phaseHistory = demoHistory(p, candidate.phase, createdMs, updatedMs, owners);
    const last = candidate.phaseHistory[candidate.phaseHistory.length - 1]!;
    candidate.updatedAt = new Date(Math.max(updatedMs, Date.parse(last.at))).toISOString();
    out.push(candidateSchema.parse(candidate));
  }
  return out;
}
