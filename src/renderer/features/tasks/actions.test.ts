import { describe, expect, it } from 'vitest';
import { checkTask } from './actions';

const input = { title: 'Bellen over meeloopdag', assignee: 'anna', due: '' };

describe('checkTask', () => {
  it('refuses an assignee who is not a colleague in the region, once the colleagues are known', () => {
    expect(checkTask({ ...input, assignee: 'nietbestaand' }, 'cand-1', 'twente', 'anna', ['anna', 'carla', 'daan'])).toEqual({ assignee: 'unknownColleague' });
    expect(checkTask({ ...input, assignee: ' carla ' }, 'cand-1', 'twente', 'anna', ['anna', 'carla', 'daan'])).toBeNull();
  });

  it('takes any name while the colleagues are unknown (offline before the first fetch)', () => {
    expect(checkTask({ ...input, assignee: 'nietbestaand' }, 'cand-1', 'twente', 'anna')).toBeNull();
  });

  it('still asks for a title', () => {
    expect(checkTask({ ...input, title: '' }, 'cand-1', 'twente', 'anna', ['anna'])).toMatchObject({ title: expect.any(String) });
  });
});
