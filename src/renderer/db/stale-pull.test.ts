import { describe, expect, it } from 'vitest';
import { formatHlc, mergeWithClocks, stampFields } from '../../shared';
import { mergingConflictHandler } from './conflict';
import { DOWNSTREAM_WRITE_CHECK, isEarlierState } from './stale-pull';

type Doc = Record<string, unknown>;
let wall = 1_795_000_000_000;
const tick = (node: string) => () => formatHlc({ wall: ++wall, counter: 0, node });
/** One edit by `node`, stamped as the app stamps it (clock.ts → stampFields). */
const edit = (before: Doc | undefined, patch: Doc, node: string): Doc => stampFields(before, { ...before, ...patch, _deleted: patch._deleted ?? false }, tick(node));

const created = edit(undefined, { id: 'c1', type: 'candidate', firstName: 'Vorm', lastName: 'Rij', sectors: ['zorg'] }, 'anna');
const byA = edit(created, { place: 'Borne', updatedAt: 'a' }, 'anna');
const byB = edit(created, { phone: '0612345678', updatedAt: 'b' }, 'daan');
const merged = mergeWithClocks(created, byB, byA).doc as Doc;

describe('isEarlierState: a pulled row older than the local document', () => {
  it('the colleague revision is earlier than the merge that took it in, and than any later edit', () => {
    expect(merged).toMatchObject({ place: 'Borne', phone: '0612345678' });
    expect(isEarlierState(byA, merged)).toBe(true);
    expect(isEarlierState(created, merged)).toBe(true);
    expect(isEarlierState(created, byA)).toBe(true);
    const later = edit(merged, { sectors: [] }, 'daan'); // a removal from a list is stamped too
    expect(isEarlierState(merged, later)).toBe(true);
  });

  it('a later state, a concurrent one or an equal one is not earlier', () => {
    expect(isEarlierState(merged, byA)).toBe(false);
    expect(isEarlierState(byB, byA)).toBe(false); // concurrent: each has a field the other lacks
    expect(isEarlierState(merged, merged)).toBe(false);
    // A colleague edit after the merge (a later clock) is newer, whatever it changed back.
    const colleague = edit(merged, { place: 'Hengelo' }, 'anna');
    expect(isEarlierState(colleague, merged)).toBe(false);
    const undo = edit(colleague, { place: 'Borne' }, 'anna');
    expect(isEarlierState(undo, merged)).toBe(false);
  });

  it('a change without a later clock, or without clocks at all, is not judged', () => {
    // Another CouchDB client (or a server rewrite) changed a value and kept the clocks.
    expect(isEarlierState({ ...merged, place: 'Delden' }, merged)).toBe(false);
    expect(isEarlierState(merged, { ...merged, place: 'Delden' })).toBe(false);
    // Only bookkeeping differs (updatedAt is not clocked).
    expect(isEarlierState({ ...merged, updatedAt: 'x' }, merged)).toBe(false);
    const { fieldClocks: _drop, ...bare } = byA;
    expect(isEarlierState(bare, merged)).toBe(false);
    expect(isEarlierState(byA, { ...merged, fieldClocks: undefined })).toBe(false);
  });

  it('deletions: by the existence clock, and never for a tombstone without one', () => {
    const deleted = edit(byB, { _deleted: true }, 'daan');
    expect(isEarlierState(byA, deleted)).toBe(true); // the colleague edit before our deletion
    expect(isEarlierState(deleted, byA)).toBe(false);
    const recreated = edit(deleted, { _deleted: false }, 'daan'); // an undo
    expect(isEarlierState(deleted, recreated)).toBe(true);
    expect(isEarlierState(recreated, deleted)).toBe(false);
    expect(isEarlierState({ id: 'c1', _deleted: true }, byA)).toBe(false); // a bare stub by another client
    expect(isEarlierState({ id: 'c1', _deleted: true, fieldClocks: {} }, byA)).toBe(false);
  });

  it('the handler says equal only where RxDB decides whether to write a pulled row', () => {
    const h = mergingConflictHandler<Doc>();
    expect(h.isEqual(byA as never, merged as never, DOWNSTREAM_WRITE_CHECK)).toBe(true);
    // Everywhere else the states differ: the push still sees a conflict, the upstream still sends.
    for (const context of ['couchdb-push-1', 'upstream-check-if-equal', 'downstream-check-if-equal-0']) {
      expect(h.isEqual(byA as never, merged as never, context)).toBe(false);
    }
    expect(h.isEqual(merged as never, byA as never, DOWNSTREAM_WRITE_CHECK)).toBe(false);
  });
});
