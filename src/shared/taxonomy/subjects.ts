import type { Term } from './taxonomy';

/** School subjects (vakken), so a desk can count e.g. its potential maths teachers. */
export const SUBJECTS = [
  { code: 'wiskunde', label: { nl: 'Wiskunde', en: 'Mathematics' } },
  { code: 'natuurkunde', label: { nl: 'Natuurkunde', en: 'Physics' } },
  { code: 'scheikunde', label: { nl: 'Scheikunde', en: 'Chemistry' } },
  { code: 'biologie', label: { nl: 'Biologie', en: 'Biology' } },
  { code: 'informatica', label: { nl: 'Informatica', en: 'Computer science' } },
  { code: 'nederlands', label: { nl: 'Nederlands', en: 'Dutch' } },
  { code: 'engels', label: { nl: 'Engels', en: 'English' } },
  { code: 'duits', label: { nl: 'Duits', en: 'German' } },
  { code: 'frans', label: { nl: 'Frans', en: 'French' } },
  { code: 'geschiedenis', label: { nl: 'Geschiedenis', en: 'History' } },
  { code: 'aardrijkskunde', label: { nl: 'Aardrijkskunde', en: 'Geography' } },
  { code: 'economie', label: { nl: 'Economie', en: 'Economics' } },
  { code: 'lichamelijke_opvoeding', label: { nl: 'Lichamelijke opvoeding', en: 'Physical education' } },
  { code: 'kunst', label: { nl: 'Kunstvakken', en: 'Arts' } },
  { code: 'techniek', label: { nl: 'Techniek', en: 'Technology' } },
  { code: 'zorg_welzijn', label: { nl: 'Zorg en welzijn', en: 'Health and welfare' } },
  { code: 'groepsleerkracht', label: { nl: 'Groepsleerkracht (po)', en: 'Class teacher (primary)' } },
] as const satisfies readonly Term[];

export type Subject = (typeof SUBJECTS)[number]['code'];
