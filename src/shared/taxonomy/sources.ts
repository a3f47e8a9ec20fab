import type { Term } from './taxonomy';

/** How a candidate reached the desk. */
export const SOURCES = [
  { code: 'website', label: { nl: 'Websiteformulier', en: 'Website form' } },
  { code: 'event', label: { nl: 'Activiteit / evenement', en: 'Event' } },
  { code: 'onderwijsloket', label: { nl: 'Doorverwijzing Onderwijsloket', en: 'Onderwijsloket referral' } },
  { code: 'referral', label: { nl: 'Doorverwijzing andere regio', en: 'Referral from another region' } },
  { code: 'import', label: { nl: 'Import', en: 'Import' } },
  { code: 'manual', label: { nl: 'Handmatig', en: 'Manual' } },
] as const satisfies readonly Term[];

export type Source = (typeof SOURCES)[number]['code'];

export const EDUCATION_LEVELS = [
  { code: 'mbo', label: { nl: 'mbo', en: 'Vocational (mbo)' } },
  { code: 'hbo', label: { nl: 'hbo', en: 'Bachelor (hbo)' } },
  { code: 'wo_bachelor', label: { nl: 'wo-bachelor', en: 'University bachelor' } },
  { code: 'wo_master', label: { nl: 'wo-master', en: 'University master' } },
  { code: 'phd', label: { nl: 'Gepromoveerd', en: 'PhD' } },
  { code: 'other', label: { nl: 'Anders', en: 'Other' } },
] as const satisfies readonly Term[];

export type EducationLevel = (typeof EDUCATION_LEVELS)[number]['code'];
