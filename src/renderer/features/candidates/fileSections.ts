import type { ComponentType } from 'react';
import type { Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';

/** What every section of the candidate's file receives. */
export interface FileSectionProps {
  c: Candidate;
  db: RegiodeskDatabase;
  user: string;
  /** The region being viewed. */
  region: string | null;
  editable: boolean;
}

export type FileSection = ComponentType<FileSectionProps>;
