import { useEffect, type RefObject } from 'react';
import { navigate, useApp } from '../../app/store';
import { getOrder } from '../views/viewState';

/** True when a key press is typing (in a field), not a command. */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** List shortcuts: `/` search, `n` new candidate. */
export function useListShortcuts({ searchRef, editable }: { searchRef: RefObject<HTMLInputElement | null>; editable: boolean }): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'n' && editable) {
        e.preventDefault();
        navigate({ name: 'new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef, editable]);
}

/** The candidate next to `id` in the list's current order (+1 next, -1 previous), if any. */
export function neighbour(id: string, delta: 1 | -1): string | null {
  const order = getOrder();
  const i = order.indexOf(id);
  if (i < 0) return null;
  return order[i + delta] ?? null;
}

/** File shortcuts: `j`/`k` next and previous candidate in the list's order, Escape back to the list. */
export function useFileShortcuts(id: string): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      const view = useApp.getState().view;
      if (view.name !== 'detail' || view.editing) return;
      if (e.key === 'j' || e.key === 'k') {
        const next = neighbour(id, e.key === 'j' ? 1 : -1);
        if (next) {
          e.preventDefault();
          navigate({ name: 'detail', id: next, editing: false });
        }
      } else if (e.key === 'Escape') {
        navigate({ name: 'list' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);
}
