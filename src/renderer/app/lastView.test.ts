import { describe, expect, it } from 'vitest';
import { forgetView, rememberedView, rememberView } from './lastView';
import { memoryStore } from './session';

const anna = { user: 'anna', server: 'http://127.0.0.1:5984' };
const list = { name: 'list' } as const;

describe('the screen a reload comes back to', () => {
  it('is the one last navigated to, for the same user and server', () => {
    const store = memoryStore();
    expect(rememberedView(store, anna, list, ['event'])).toEqual(list);
    rememberView(store, anna, { name: 'event', activityId: 'a1' });
    expect(rememberedView(store, anna, list, ['event'])).toEqual({ name: 'event', activityId: 'a1' });
  });

  it('is the list for a screen that is not restorable', () => {
    const store = memoryStore();
    rememberView(store, anna, { name: 'detail', id: 'c1', editing: false });
    expect(rememberedView(store, anna, list, ['event'])).toEqual(list);
  });

  it('is the list for another user or server, after forgetting, and for unreadable data', () => {
    const store = memoryStore();
    rememberView(store, anna, { name: 'event', activityId: 'a1' });
    expect(rememberedView(store, { ...anna, user: 'bram' }, list, ['event'])).toEqual(list);
    expect(rememberedView(store, { ...anna, server: 'https://elders.example' }, list, ['event'])).toEqual(list);
    forgetView(store);
    expect(rememberedView(store, anna, list, ['event'])).toEqual(list);
    store.setItem('regiodesk.lastView', '{not json');
    expect(rememberedView(store, anna, list, ['event'])).toEqual(list);
  });
});
