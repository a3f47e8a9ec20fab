import type { Term } from './taxonomy';

export const ROUTES = [
  { code: 'zij_instroom', label: { nl: 'Zij-instroom', en: 'Lateral entry' } },
  { code: 'deeltijd_pabo', label: { nl: 'Deeltijd pabo', en: 'Part-time primary teacher training' } },
  { code: 'tweedegraads', label: { nl: 'Tweedegraads lerarenopleiding', en: 'Second-degree teacher training' } },
  { code: 'eerstegraads', label: { nl: 'Eerstegraads lerarenopleiding', en: 'First-degree teacher training' } },
  { code: 'educatieve_minor', label: { nl: 'Educatieve minor of module', en: 'Educational minor or module' } },
  { code: 'pdg', label: { nl: 'PDG (mbo)', en: 'Pedagogical-didactic certificate (mbo)' } },
  { code: 'herintreding', label: { nl: 'Herintreding', en: 'Return to teaching' } },
] as const satisfies readonly Term[];

export type Route = (typeof ROUTES)[number]['code'];
