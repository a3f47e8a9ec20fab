import { describe, expect, it } from 'vitest';
import { parseChangesPage } from './wire-docs';
import { pullModifierFor } from './modifiers';

describe('parsing a _changes page into RxDB-shaped documents', () => {
  it('renames _id to id and drops _rev wherever it stands, keeping everything else', () => {
    const page = {
      results: [
        { seq: '1-a', id: 'c1', changes: [{ rev: '2-x' }], doc: { _id: 'c1', _rev: '2-x', type: 'candidate', firstName: 'Anna', tags: ['a'] } },
        { seq: '2-a', id: 'c2', changes: [{ rev: '1-y' }], doc: { type: 'candidate', _id: 'c2', lastName: 'Bos', _rev: '1-y' } },
        { seq: '3-a', id: 'c3', deleted: true, changes: [{ rev: '3-z' }], doc: { _id: 'c3', _rev: '3-z', _deleted: true } },
        { seq: '4-a', id: 'c4', changes: [{ rev: '1-q' }], doc: { _rev: '1-q', _id: 'c4' } },
      ],
      last_seq: '4-a',
      pending: 0,
    };
    const parsed = parseChangesPage(JSON.stringify(page));
    expect(parsed.results.map((r) => r.doc)).toEqual([
      { id: 'c1', type: 'candidate', firstName: 'Anna', tags: ['a'] },
      { type: 'candidate', id: 'c2', lastName: 'Bos' },
      { id: 'c3', _deleted: true },
      { id: 'c4' },
    ]);
    // The rows themselves are untouched.
    expect(parsed.results.map((r) => [r.id, r.seq, r.changes])).toEqual(page.results.map((r) => [r.id, r.seq, r.changes]));
    expect(parsed.last_seq).toBe('4-a');
  });

  it('leaves text inside values alone', () => {
    const note = 'typed "_rev":"1-a", and "_id": here';
    const page = { results: [{ seq: 1, id: 'n1', changes: [], doc: { _id: 'n1', _rev: '1-b', text: note } }], last_seq: 1 };
    expect(parseChangesPage(JSON.stringify(page)).results[0]!.doc).toEqual({ id: 'n1', text: note });
  });

  it('parses a page without documents as it is, and JSON with spaces keeps its _rev for RxDB to remove', () => {
    expect(parseChangesPage('{"results":[],"last_seq":5}')).toEqual({ results: [], last_seq: 5 });
    const spaced = '{"results":[{"seq":1,"id":"a","doc":{"_id": "a", "_rev": "1-a"}}],"last_seq":1}';
    expect(parseChangesPage(spaced).results[0]!.doc).toEqual({ id: 'a', _rev: '1-a' });
  });

  it('needs no further copy in the pull modifier, which still strips documents that were not cleaned', () => {
    const text = '{"results":[{"seq":1,"id":"c1","doc":{"_id":"c1","_rev":"1-a","type":"candidate","firstName":"Anna"}}],"last_seq":1}';
    const doc = { ...parseChangesPage(text).results[0]!.doc!, _deleted: false };
    const modify = pullModifierFor('twente');
    expect(modify(doc)).toBe(doc);
    const raw = { ...JSON.parse(text).results[0].doc, id: 'c1', _deleted: false };
    const stripped = modify(raw);
    expect(stripped).not.toBe(raw);
    expect(stripped).toEqual({ id: 'c1', type: 'candidate', firstName: 'Anna', _deleted: false });
  });
});
