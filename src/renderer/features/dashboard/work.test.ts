import { describe, expect, it } from 'vitest';
import type { Activity, FiguresResponse, Registration, Task } from '../../../shared';
import { scopesFor } from './OutsideRegion';
import { activityRows, taskRows } from './useWorkFigures';

const task = (assignee: string, done: boolean, due?: string): Task =>
  ({ id: `c:t:${Math.random()}`, type: 'task', candidateId: 'c', region: 'twente', title: 'Bellen', assignee, done, ...(due ? { due } : {}) }) as Task;

describe('dashboard work figures', () => {
  it('counts open and overdue tasks per colleague; done tasks and tasks due today are not overdue', () => {
    const rows = taskRows([task('anna', false, '2026-11-20'), task('anna', false, '2026-11-25'), task('anna', true, '2026-11-01'), task('daan', false)], '2026-11-25');
    expect(rows).toEqual([
      { assignee: 'anna', open: 2, overdue: 1 },
      { assignee: 'daan', open: 1, overdue: 0 },
    ]);
  });

  it('gives attendance per activity within the period, newest first', () => {
    const act = (id: string, startsAt: string) => ({ id, title: id, startsAt, region: 'twente' }) as Activity;
    const reg = (activityId: string, status: Registration['status']) => ({ activityId, status, channel: 'pre', newCandidate: false }) as Registration;
    const rows = activityRows(
      [act('oud', '2025-01-10T18:00:00.000Z'), act('avond', '2026-10-01T18:00:00.000Z'), act('dag', '2026-11-01T09:00:00.000Z')],
      [reg('avond', 'attended'), reg('avond', 'registered'), reg('avond', 'cancelled'), reg('dag', 'attended')],
      { from: '2026-01-01' },
      new Date('2026-11-25T12:00:00Z'),
    );
    expect(rows.map((r) => [r.id, r.registered, r.attended, r.noShows])).toEqual([
      ['dag', 1, 1, 0],
      ['avond', 2, 1, 1],
    ]);
  });

  it("compares the region with its own alliances and the country only", () => {
    const f = { total: 1, byPhase: {}, bySector: {}, byFunction: {}, bySubject: {}, byRoute: {}, bySource: {}, inflowByMonth: {} };
    const data: FiguresResponse = {
      generatedAt: '2026-11-25T12:00:00.000Z',
      suppressBelow: 5,
      scopes: [
        { scope: 'region', id: 'twente', name: 'Twente', figures: f },
        { scope: 'region', id: 'utrecht', name: 'Utrecht', figures: f },
        { scope: 'alliance', id: 'oost', name: 'Oost', figures: f },
        { scope: 'alliance', id: 'west', name: 'West', figures: f },
        { scope: 'country', id: 'nl', name: 'Nederland', figures: f },
      ],
    };
    const alliances = new Map([['oost', ['twente', 'utrecht']], ['west', ['utrecht']]]);
    expect(scopesFor(data, 'twente', alliances).map((s) => s.id)).toEqual(['twente', 'oost', 'nl']);
    expect(scopesFor(data, 'twente').map((s) => s.id)).toEqual(['twente', 'oost', 'west', 'nl']);
  });
});
