import { describe, expect, it } from 'vitest';
import { regionOfUrl, withDeletedDocs } from './deleted-docs';

describe('deleted documents in _all_docs', () => {
  it('finds the region of a replication URL', () => {
    expect(regionOfUrl('http://127.0.0.1:5984/region-twente/_all_docs?')).toBe('twente');
    expect(regionOfUrl('http://h/prefix/region-zuid-limburg/_all_docs')).toBe('zuid-limburg');
    expect(regionOfUrl('http://h/_all_dbs')).toBeNull();
  });

  it('gives a deleted row its tombstone with the server revision, leaves the rest alone', () => {
    const body = {
      rows: [
        { id: 'a', key: 'a', value: { rev: '3-x', deleted: true }, doc: null },
        { id: 'b', key: 'b', value: { rev: '1-y' }, doc: { _id: 'b', _rev: '1-y', type: 'candidate' } },
        { key: 'c', error: 'not_found' },
      ],
    };
    const out = withDeletedDocs(body, 'candidate', 'twente');
    expect(out.rows[0]?.doc).toMatchObject({ _id: 'a', _rev: '3-x', _deleted: true, type: 'candidate', ownerRegion: 'twente' });
    expect(out.rows[0]?.doc).not.toHaveProperty('id');
    expect(out.rows[1]).toBe(body.rows[1]);
    expect(out.rows[2]).toBe(body.rows[2]);
  });

  it('passes unknown kinds and bodies without rows through', () => {
    const body = { rows: [{ id: 'a', value: { rev: '2-x', deleted: true }, doc: null }] };
    expect(withDeletedDocs(body, 'pizza', 'twente')).toBe(body);
    expect(withDeletedDocs({ error: 'x' } as never, 'candidate', 'twente')).toEqual({ error: 'x' });
  });
});
