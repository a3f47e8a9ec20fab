import { FUNCTIONS, PHASES, SECTORS, SUBJECTS, type Term } from '../taxonomy';
import { foldText } from '../views/normalize';

/** The coded fields whose cell values are mapped onto our codes. */
export const CODED_TARGETS = ['phase', 'sectors', 'functions', 'subjects'] as const;
export type CodedTarget = (typeof CODED_TARGETS)[number];

export const TERMS_OF: Record<CodedTarget, readonly Term[]> = { phase: PHASES, sectors: SECTORS, functions: FUNCTIONS, subjects: SUBJECTS };

/**
 * Per coded field: folded file value → our code, or null for "leave empty". The wizard starts from
 * `defaultValueMaps` and lets the user choose for the values it does not know.
 */
export type ValueMaps = Record<CodedTarget, Record<string, string | null>>;

/**
 * Names the pilot's Airtable base uses that are not our labels (seen in its list view:
 * `Ondersteuning`, `OOP`, `Speciaal onderwijs`, `Leerlingzorg`, `Instructeur (mbo)`), plus
 * the wider journey's words for phases.
 */
const EXTRA: Record<CodedTarget, Record<string, string>> = {
  phase: {
    interesseren: 'nieuw', nieuw: 'nieuw', new: 'nieuw', orienteren: 'orienteren', orientatie: 'orienteren',
    beslissen: 'voorbereiden', voorbereiden: 'voorbereiden', voorbereiding: 'voorbereiden', matchen: 'matchen', matching: 'matchen',
    opleiden: 'opleiden', opleiding: 'opleiden', 'in opleiding': 'opleiden', begeleiden: 'geplaatst', geplaatst: 'geplaatst',
    werkzaam: 'geplaatst', 'on hold': 'on_hold', gepauzeerd: 'on_hold', pauze: 'on_hold', gestopt: 'gestopt', afgehaakt: 'gestopt', stopped: 'gestopt',
  },
  sectors: {
    po: 'po', 'primair onderwijs': 'po', basisonderwijs: 'po', so: 'so', sbo: 'so', 'speciaal onderwijs': 'so', 'speciaal basisonderwijs': 'so',
    vo: 'vo', 'voortgezet onderwijs': 'vo', pro: 'pro', praktijkonderwijs: 'pro', mbo: 'mbo', 'middelbaar beroepsonderwijs': 'mbo',
    ho: 'ho', hbo: 'ho', wo: 'ho', 'hoger onderwijs': 'ho',
  },
  functions: {
    docent: 'docent', leraar: 'docent', 'docent leraar': 'docent', leerkracht: 'docent', teacher: 'docent',
    ondersteuning: 'onderwijsassistent', onderwijsassistent: 'onderwijsassistent', 'onderwijsassistent ondersteuning': 'onderwijsassistent',
    oop: 'oop', 'onderwijsondersteunend personeel': 'oop', 'onderwijsondersteunend personeel oop': 'oop',
    instructeur: 'instructeur', 'instructeur mbo': 'instructeur', leerlingzorg: 'leerlingzorg', 'intern begeleider': 'leerlingzorg', ib: 'leerlingzorg',
    'leerlingzorg intern begeleider': 'leerlingzorg', 'midden management': 'middenmanagement', middenmanagement: 'middenmanagement',
    schoolleider: 'schoolleider', directeur: 'schoolleider',
  },
  subjects: {},
};

/** Folds a cell value for lookup: case, accents and punctuation do not matter. */
export function foldValue(v: string): string {
  return foldText(v).replace(/[^a-z0-9]+/g, ' ').trim();
}

function mapOf(target: CodedTarget): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const t of TERMS_OF[target]) {
    out[foldValue(t.code)] = t.code;
    out[foldValue(t.label.nl)] = t.code;
    out[foldValue(t.label.en)] = t.code;
  }
  for (const [k, v] of Object.entries(EXTRA[target])) out[foldValue(k)] = v;
  return out;
}

export function defaultValueMaps(): ValueMaps {
  return { phase: mapOf('phase'), sectors: mapOf('sectors'), functions: mapOf('functions'), subjects: mapOf('subjects') };
}

/** Our code for a file value: a code, null (chosen: leave empty), or undefined (unknown). */
// A file repeats the same few values thousands of times: fold each distinct one once.
const folded = new Map<string, string>();
function foldCached(raw: string): string {
  let k = folded.get(raw);
  if (k === undefined) {
    k = foldValue(raw);
    if (folded.size > 10_000) folded.clear();
    folded.set(raw, k);
  }
  return k;
}

export function lookupValue(maps: ValueMaps, target: CodedTarget, raw: string): string | null | undefined {
  const m = maps[target];
  const k = foldCached(raw);
  return Object.prototype.hasOwnProperty.call(m, k) ? m[k] : undefined;
}

/** Sets the user's choice for one file value. */
export function withChoice(maps: ValueMaps, target: CodedTarget, raw: string, code: string | null): ValueMaps {
  return { ...maps, [target]: { ...maps[target], [foldValue(raw)]: code } };
}
