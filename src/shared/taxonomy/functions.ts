import type { Term } from './taxonomy';

export const FUNCTIONS = [
  { code: 'docent', label: { nl: 'Docent / leraar', en: 'Teacher' } },
  { code: 'onderwijsassistent', label: { nl: 'Onderwijsassistent / ondersteuning', en: 'Teaching assistant' } },
  { code: 'oop', label: { nl: 'Onderwijsondersteunend personeel (OOP)', en: 'Support staff' } },
  { code: 'instructeur', label: { nl: 'Instructeur (mbo)', en: 'Instructor (mbo)' } },
  { code: 'leerlingzorg', label: { nl: 'Leerlingzorg / intern begeleider', en: 'Pupil care / internal counsellor' } },
  { code: 'middenmanagement', label: { nl: 'Midden management', en: 'Middle management' } },
  { code: 'schoolleider', label: { nl: 'Schoolleider', en: 'School leader' } },
] as const satisfies readonly Term[];

export type JobFunction = (typeof FUNCTIONS)[number]['code'];
