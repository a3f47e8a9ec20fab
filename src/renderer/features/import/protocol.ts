import type { CheckedRow, ColumnMapping, CodedTarget, DuplicateFields, ImportContext, ImportPlan, ValueMaps } from '../../../shared';
import type { ImportFileProblem } from '../../../shared/import/parse';
import type { SealedOffer } from '../../db/encryption';

/** Messages between the wizard and the import worker (parsing and planning run off the UI thread). */
export type ToWorker =
  | { type: 'parse'; bytes: ArrayBuffer; name: string }
  | { type: 'unknown'; mapping: ColumnMapping; maps: ValueMaps }
  | { type: 'plan'; mapping: ColumnMapping; maps: ValueMaps; existing: DuplicateFields[]; region: string; user: string; now: string; fileName: string }
  /** Seal the planned candidates with these ids and their notes ahead of their write (answered by `sealed` with the same `seq`). */
  | { type: 'seal'; seq: number; key: Uint8Array; candidateIds: string[] };

export interface Preview {
  headers: string[];
  sample: string[][];
  rowCount: number;
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  mapping: ColumnMapping;
}

export type FromWorker =
  | { type: 'parsed'; preview: Preview }
  | { type: 'unknown'; values: Record<CodedTarget, string[]> }
  | { type: 'progress'; done: number; total: number }
  /** A slice of the plan's rows, in order: many small messages instead of one that freezes the page while it is read. */
  | { type: 'planRows'; rows: ImportPlan['rows'] }
  /** The plan's counts; its rows came before as `planRows` (the client puts them back in). */
  | { type: 'planned'; plan: ImportPlan; /** Rows the helper worker checked (0: this worker checked all). */ helped?: number }
  | { type: 'sealed'; seq: number; offers: SealedOffer[] }
  | { type: 'sealFailed'; seq: number; detail: string }
  | { type: 'error'; problem: ImportFileProblem | 'internal'; detail: string };

/**
 * Between the import worker and its helper (a second copy of the same script, started by the
 * import worker): the helper checks a part of the file's rows while the import worker checks the
 * rest, so planning uses both cores. Ids are made in the helper (`newId` cannot be posted).
 */
export type ToHelper = {
  type: 'check';
  seq: number;
  rows: string[][];
  mapping: ColumnMapping;
  maps: ValueMaps;
  ctx: Omit<ImportContext, 'newId'>;
  /** Index of `rows[0]` in the whole file: the lines of the plan stay the file's. */
  firstIndex: number;
};

export type FromHelper =
  | { type: 'checkProgress'; seq: number; done: number }
  | { type: 'checked'; seq: number; rows: CheckedRow[] }
  | { type: 'checkFailed'; seq: number; detail: string };
