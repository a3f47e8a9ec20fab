import { z } from 'zod';
import { fieldClocks, id, isoDateTime, regionCode, requiredText } from './fields';
import { toRxSchema } from './rx-schema';

export const SAVED_VIEW_TYPE = 'savedView';

const key = z.string().max(40);

/** A view's definition (see src/shared/views): plain JSON, bounded. */
export const viewSpecSchema = z.strictObject({
  phases: z.array(z.string().max(20)).max(20),
  filter: z.strictObject({
    combinator: z.enum(['and', 'or']),
    rules: z
      .array(
        z.strictObject({
          field: key,
          op: z.string().max(20),
          value: z.union([z.string().max(200), z.array(z.string().max(40)).max(40)]).optional(),
        }),
      )
      .max(20),
  }),
  sort: z.array(z.strictObject({ field: key, dir: z.enum(['asc', 'desc']) })).max(6),
  groupBy: key.optional(),
  columns: z.array(key).max(30),
  mode: z.enum(['table', 'board']),
});

/**
 * A saved view of the candidate list: for its owner only, or shared with her region. It lives
 * in the region's database, so it syncs like everything else.
 */
export const savedViewSchema = z.strictObject({
  id,
  type: z.enum([SAVED_VIEW_TYPE]),
  name: requiredText(80),
  owner: requiredText(100),
  region: regionCode,
  shared: z.boolean(),
  spec: viewSpecSchema,
  /** Per-field clocks (field-merge.ts): concurrent edits and a deletion against a re-creation (undo). */
  fieldClocks: fieldClocks.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  updatedBy: requiredText(100),
});

export type SavedView = z.infer<typeof savedViewSchema>;

export const SAVED_VIEW_SCHEMA_VERSION = 1;

export const savedViewRxSchema = toRxSchema(savedViewSchema, {
  title: SAVED_VIEW_TYPE,
  version: SAVED_VIEW_SCHEMA_VERSION,
  primaryKey: 'id',
  indexes: ['region'],
});

export const savedViewMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null> = {
  // v1 adds the optional fieldClocks: documents without clocks stay as they are.
  1: (doc) => doc,
};

/** The views a user sees in a region: her own, and those her colleagues shared. */
export function visibleViews<T extends Pick<SavedView, 'owner' | 'region' | 'shared' | 'name'>>(views: readonly T[], user: string, region: string): T[] {
  return views
    .filter((v) => v.region === region && (v.owner === user || v.shared))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * The data-free body of a deleted view (the server stores a deletion as it, sync-server/couch/
 * deletions.ts). `shared: true`: a tombstone is nobody's private view. As `shared: false` with
 * owner `-` the server hid it from everyone (private-views.ts) and with it the deletion's clock,
 * so a view re-created (undone) after a colleague's deletion always lost to it.
 */
export function savedViewTombstone(id: string, region: string): SavedView {
  const epoch = '1970-01-01T00:00:00.000Z';
  return {
    id, type: SAVED_VIEW_TYPE, name: '-', owner: '-', region, shared: true,
    spec: { phases: [], filter: { combinator: 'and', rules: [] }, sort: [], columns: [], mode: 'table' },
    createdAt: epoch, updatedAt: epoch, updatedBy: '-',
  };
}
