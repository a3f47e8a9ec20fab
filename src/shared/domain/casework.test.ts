import { describe, expect, it } from 'vitest';
import { checkRegionDocument } from './documents';
import { contactId, contactSchema, contactTombstone } from './contact';
import { organisationSchema, organisationTombstone } from './organisation';
import { savedViewSchema, savedViewTombstone, visibleViews } from './savedView';
import { isOverdue, newTask, sortTasks, taskCounts, taskSchema, taskTombstone, withDone } from './task';

const ctx = { suffix: 'abc', user: 'anna', now: '2026-11-20T10:00:00.000Z' };

describe('tasks', () => {
  const t = (title: string, due?: string, assignee = 'carla') => newTask({ candidateId: 'twente-1', region: 'twente', title, assignee, due }, { ...ctx, suffix: title });
  it('are valid, live under their candidate, and record who finished them', () => {
    const task = t('bellen', '2026-11-21');
    expect(task.id).toBe('twente-1:t:bellen');
    expect(taskSchema.safeParse(task).success).toBe(true);
    const done = withDone(task, true, 'carla', '2026-11-21T09:00:00.000Z');
    expect(done).toMatchObject({ done: true, doneBy: 'carla', updatedBy: 'carla' });
    const open = withDone(done, false, 'anna', '2026-11-21T10:00:00.000Z');
    expect(open.doneBy).toBeUndefined();
    expect(taskSchema.safeParse({ ...task, title: ' ' }).success).toBe(false);
    expect(taskSchema.safeParse({ ...task, id: 'other:t:x' }).success).toBe(false);
  });
  it('sort overdue first, then by due date, undated, done last; count for the badge', () => {
    const today = '2026-11-20';
    const list = [t('later', '2026-12-01'), withDone(t('klaar', '2026-11-01'), true, 'carla', ctx.now), t('geen'), t('telaat', '2026-11-10'), t('morgen', '2026-11-21'), t('anna', '2026-11-01', 'anna')];
    expect(sortTasks(list, today).map((x) => x.title)).toEqual(['anna', 'telaat', 'morgen', 'later', 'geen', 'klaar']);
    expect(taskCounts(list, 'carla', today)).toEqual({ open: 4, overdue: 1 });
    expect(isOverdue({ done: false, due: '2026-11-20' }, today)).toBe(false);
  });
});

describe('saved views', () => {
  const view = (name: string, owner: string, shared: boolean, region = 'twente') => ({
    id: `view-${name}`, type: 'savedView' as const, name, owner, region, shared,
    spec: { phases: ['nieuw'], filter: { combinator: 'and' as const, rules: [{ field: 'place', op: 'is', value: 'Enschede' }] }, sort: [{ field: 'name', dir: 'asc' as const }], columns: ['name'], mode: 'table' as const },
    createdAt: ctx.now, updatedAt: ctx.now, updatedBy: owner,
  });
  it('own views and shared ones of the region, by name', () => {
    const all = [view('b', 'anna', false), view('a', 'carla', true), view('c', 'carla', false), view('d', 'bram', true, 'utrecht')];
    expect(visibleViews(all, 'anna', 'twente').map((v) => v.name)).toEqual(['a', 'b']);
    expect(savedViewSchema.safeParse(all[0]).success).toBe(true);
  });
});

describe('the new kinds on the server side', () => {
  it('are accepted in their own region only, and their tombstones are valid', () => {
    const task = newTask({ candidateId: 'twente-1', region: 'twente', title: 'x', assignee: 'anna' }, ctx);
    expect(checkRegionDocument('twente', { ...task, _id: task.id })).toMatchObject({ ok: true });
    expect(checkRegionDocument('utrecht', { ...task, _id: task.id })).toMatchObject({ ok: false });
    expect(taskSchema.safeParse(taskTombstone('twente-1:t:x', 'twente')).success).toBe(true);
    expect(contactSchema.safeParse(contactTombstone(contactId('twente-1', 'x'), 'twente')).success).toBe(true);
    expect(organisationSchema.safeParse(organisationTombstone('org-1', 'twente')).success).toBe(true);
    expect(savedViewSchema.safeParse(savedViewTombstone('view-1', 'twente')).success).toBe(true);
    expect(organisationSchema.safeParse({ ...organisationTombstone('org-1', 'twente'), brin: '12AB', vestiging: '01' }).success).toBe(true);
    expect(organisationSchema.safeParse({ ...organisationTombstone('org-1', 'twente'), brin: 'ABCD' }).success).toBe(false);
  });
});
