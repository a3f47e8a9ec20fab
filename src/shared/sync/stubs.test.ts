import { describe, expect, it } from 'vitest';
import { candidateSchema } from '../domain/candidate';
import { candidateTombstone, isDeletedStub, stubPullModifier } from './stubs';

describe('deleted-document stubs', () => {
  const modify = stubPullModifier((id) => candidateTombstone(id, 'twente'));

  it('fills a stub with a valid deleted tombstone', () => {
    const out = modify({ id: 'abc', _deleted: true });
    expect(out._deleted).toBe(true);
    expect(out.id).toBe('abc');
    const { _deleted, ...rest } = out;
    expect(candidateSchema.safeParse(rest).success).toBe(true);
  });

  it('leaves full documents and full deletions alone', () => {
    const full = { id: 'x', type: 'candidate', firstName: 'Zoë', _deleted: true };
    expect(modify(full)).toBe(full);
    expect(isDeletedStub({ id: 'x', _deleted: false })).toBe(false);
  });
});
