import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is behind the store calls of the current request. server.ts runs each route inside
 * `asActor`, so the audited store (audited-store.ts) can name the user of a write without every
 * route passing her along. Work started outside a request (the fan-out, the website intake) has
 * no actor and is not a person's change.
 */
const current = new AsyncLocalStorage<{ user: string | null }>();

export function asActor<T>(user: string | null, fn: () => Promise<T>): Promise<T> {
  return current.run({ user }, fn);
}

export function currentActor(): { user: string | null } | undefined {
  return current.getStore();
}
