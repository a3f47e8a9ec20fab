import type { ReactNode } from 'react';
import { navigate, type View } from '../app/store';

/**
 * A link to another screen of the app: a real href (open in a new tab, copy the address), while
 * a plain click changes the view in place without reloading.
 */
export function ViewLink({ href, view, children }: { href: string; view: View; children: ReactNode }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(view);
      }}
    >
      {children}
    </a>
  );
}
