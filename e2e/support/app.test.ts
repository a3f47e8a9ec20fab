import { describe, expect, it } from 'vitest';
import { candidateDoc } from '../../sync-server/fanout/fixtures';
import { withApp } from './app';

/**
 * The seeding helpers must fail loudly: a test that seeds through them relies on the write having
 * happened, and a refused document would otherwise show up as a confusing failure much later.
 */
describe('withApp seeding helpers', () => {
  const app = withApp({ demoSize: 1 });

  it('bulkDocs writes valid documents and fails on a refused one', async () => {
    await app.bulkDocs('region-twente', [{ ...candidateDoc('helper-ok-1', ['twente']), lastName: 'Helpertest' }], 'anna');
    expect((await app.docs('region-twente', 'carla')).some((d) => d.lastName === 'Helpertest')).toBe(true);
    await expect(app.bulkDocs('region-twente', [{ _id: 'helper-bad-1', type: 'candidate' }])).rejects.toThrow(/refused/);
    expect((await app.docs('region-twente')).some((d) => d._id === 'helper-bad-1')).toBe(false);
  });

  it('putDoc fails unless the server answers 201', async () => {
    const { _id, ...body } = { ...candidateDoc('helper-put-1', ['twente']), lastName: 'Puttest' } as Record<string, unknown>;
    await app.putDoc('region-twente', String(_id), body, 'anna');
    // The same document again without its revision is a conflict.
    await expect(app.putDoc('region-twente', String(_id), body, 'anna')).rejects.toThrow(/HTTP 409/);
    await expect(app.docs('region-twente', 'nobody')).rejects.toThrow(/HTTP 401/);
  });
});
