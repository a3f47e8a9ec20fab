import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared';
import { taskTimelineItems } from './timeline';

const task = (over: Partial<Task>): Task =>
  ({
    id: 'c1:t:1',
    type: 'task',
    candidateId: 'c1',
    region: 'twente',
    title: 'Bellen over meeloopdag',
    assignee: 'anna',
    done: false,
    createdAt: '2026-11-01T09:00:00.000Z',
    createdBy: 'daan',
    updatedAt: '2026-11-01T09:00:00.000Z',
    updatedBy: 'daan',
    ...over,
  }) as Task;

describe('tasks on the timeline', () => {
  it('shows an open task once, at its creation', () => {
    const items = taskTimelineItems([task({})]);
    expect(items.map((i) => [i.kind, i.at])).toEqual([['task', '2026-11-01T09:00:00.000Z']]);
  });

  it('shows a done task at its creation and at its completion', () => {
    const items = taskTimelineItems([task({ done: true, doneAt: '2026-11-03T10:00:00.000Z', doneBy: 'anna' })]);
    expect(items.map((i) => i.at)).toEqual(['2026-11-01T09:00:00.000Z', '2026-11-03T10:00:00.000Z']);
    expect(new Set(items.map((i) => i.key)).size).toBe(2);
  });
});
