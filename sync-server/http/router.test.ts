import { describe, expect, it } from 'vitest';
import { Router } from './router';

describe('Router (remembered matches)', () => {
  const router = new Router<unknown>();
  const changes = () => undefined;
  const doc = () => undefined;
  router.on('GET', '/:db/_changes', changes);
  router.on('GET', '/:db/:id', doc);

  it('answers a repeated path like the first time, with its own params object', () => {
    const a = router.match('GET', ['region-a', '_changes'])!;
    a.params.db = 'changed by a handler';
    const b = router.match('GET', ['region-a', '_changes'])!;
    expect(b.handler).toBe(changes);
    expect(b.params).toEqual({ db: 'region-a' });
  });

  it('keeps segments apart that would join to the same text', () => {
    expect(router.match('GET', ['x', '_changes'])!.handler).toBe(changes);
    // One segment holding a NUL (from %00) is not the two-segment path above.
    expect(router.match('GET', ['x\u0000_changes'])).toBeNull();
    expect(router.match('GET', ['x\u0000', '_changes'])!.params).toEqual({ db: 'x\u0000' });
  });

  it('still answers a wrong method with 405', () => {
    router.match('GET', ['region-a', '_changes']);
    expect(() => router.match('DELETE', ['region-a', '_changes'])).toThrow();
  });
});
