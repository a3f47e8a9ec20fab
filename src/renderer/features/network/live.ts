import { useEffect, useState } from 'react';

/** The latest value of an RxDB query subscription; null until the first result. */
export function useLive<T>(subscribe: (set: (v: T) => void) => () => void, deps: unknown[]): T | null {
  const [v, setV] = useState<T | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => subscribe(setV), deps);
  return v;
}
