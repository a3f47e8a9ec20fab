import { REFERENCE_DB } from '../../src/shared';
import type { Store } from '../store/types';

/** The reference database exists from the first start, so every client's pull finds it. */
export async function ensureReferenceDb(store: Store): Promise<void> {
  if (!(await store.exists(REFERENCE_DB))) await store.create(REFERENCE_DB);
}
