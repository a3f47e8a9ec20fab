import type { RxCollectionCreator, RxJsonSchema } from 'rxdb';
import { COLLECTIONS } from './collections';

/**
 * The collections' schemas as laptops stored them before the unused indexes were dropped
 * (November 2026): only `indexes` and `version` differ from today's, the documents are the same.
 * Kept so a test can open a database the way an older app left it and upgrade it, and so
 * `npm run bench:indexes` can measure writes with the old index set against the new one.
 */
export const LEGACY_INDEXES = {
  candidates: { version: 3, indexes: ['updatedAt', ['ownerRegion', 'phase', 'updatedAt'], ['phase', 'updatedAt']] },
  notes: { version: 1, indexes: [['candidateId', 'at'], 'updatedAt'] },
  referrals: { version: 1, indexes: [['toRegion', 'status'], 'candidateId', 'updatedAt'] },
} as const satisfies Partial<Record<keyof typeof COLLECTIONS, { version: number; indexes: readonly (string | readonly string[])[] }>>;

export type LegacyCollection = keyof typeof LEGACY_INDEXES;

/** A collection's creator with another index set and version (migration strategies cut to match). */
export function withIndexes(name: keyof typeof COLLECTIONS, version: number, indexes: readonly (string | readonly string[])[]): RxCollectionCreator {
  const today = COLLECTIONS[name];
  const migrationStrategies = Object.fromEntries(Object.entries(today.migrationStrategies ?? {}).filter(([v]) => Number(v) <= version));
  const schema = { ...today.schema, version, indexes: indexes.map((i) => (typeof i === 'string' ? i : [...i])) } as RxJsonSchema<unknown>;
  return { ...today, schema, migrationStrategies };
}

/** The creator of a collection as it was before the index change. */
export function legacyCollection(name: LegacyCollection): RxCollectionCreator {
  const { version, indexes } = LEGACY_INDEXES[name];
  return withIndexes(name, version, indexes);
}

/**
 * The versions before notes, referrals and saved views had field clocks (November 2026): the
 * schema then had no `fieldClocks` property, the rest was as today. For the upgrade test and for
 * clients of the previous app version in tests (an older client syncing with a newer one).
 */
export const BEFORE_FIELD_CLOCKS = { notes: 2, referrals: 2, savedViews: 0 } as const satisfies Partial<Record<keyof typeof COLLECTIONS, number>>;

/** The creator of a collection as the app before field clocks had it (no `fieldClocks` property). */
export function beforeFieldClocks(name: keyof typeof BEFORE_FIELD_CLOCKS): RxCollectionCreator {
  const version = BEFORE_FIELD_CLOCKS[name];
  const today = COLLECTIONS[name];
  const { fieldClocks: _clocks, ...properties } = (today.schema as RxJsonSchema<any>).properties as Record<string, unknown>;
  void _clocks;
  const migrationStrategies = Object.fromEntries(Object.entries(today.migrationStrategies ?? {}).filter(([v]) => Number(v) <= version));
  return { ...today, schema: { ...today.schema, version, properties } as RxJsonSchema<unknown>, migrationStrategies };
}
