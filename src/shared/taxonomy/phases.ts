import type { Term } from './taxonomy';

/**
 * The customer journey (klantreis). The pilot's four working phases come first; the wider
 * journey adds training and placement, and people may pause or stop at any point.
 */
export const PHASES = [
  { code: 'nieuw', label: { nl: 'Nieuw', en: 'New' } },
  { code: 'orienteren', label: { nl: 'Oriënteren', en: 'Orienting' } },
  { code: 'voorbereiden', label: { nl: 'Voorbereiden', en: 'Preparing' } },
  { code: 'matchen', label: { nl: 'Matchen', en: 'Matching' } },
  { code: 'opleiden', label: { nl: 'Opleiden', en: 'In training' } },
  { code: 'geplaatst', label: { nl: 'Geplaatst', en: 'Placed' } },
  { code: 'on_hold', label: { nl: 'On hold', en: 'On hold' } },
  { code: 'gestopt', label: { nl: 'Gestopt', en: 'Stopped' } },
] as const satisfies readonly Term[];

export type Phase = (typeof PHASES)[number]['code'];

/** The phase tabs of the pilot's list view, in order. */
export const PILOT_PHASES: readonly Phase[] = ['nieuw', 'orienteren', 'voorbereiden', 'matchen'];
