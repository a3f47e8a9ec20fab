import type { Term } from './taxonomy';

export const SECTORS = [
  { code: 'po', label: { nl: 'Primair onderwijs', en: 'Primary education' } },
  { code: 'so', label: { nl: 'Speciaal (basis)onderwijs', en: 'Special education' } },
  { code: 'vo', label: { nl: 'Voortgezet onderwijs', en: 'Secondary education' } },
  { code: 'pro', label: { nl: 'Praktijkonderwijs', en: 'Practical education' } },
  { code: 'mbo', label: { nl: 'Middelbaar beroepsonderwijs', en: 'Vocational education (mbo)' } },
  { code: 'ho', label: { nl: 'Hoger onderwijs', en: 'Higher education' } },
] as const satisfies readonly Term[];

export type Sector = (typeof SECTORS)[number]['code'];
