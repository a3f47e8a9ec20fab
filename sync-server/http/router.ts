import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from './errors';

/** What a handler gets: the request, the response, path parameters and the parsed query. */
export interface Ctx<P = unknown> {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Per-request state set by earlier steps (e.g. the principal). */
  state: P;
}

export type Handler<P> = (ctx: Ctx<P>) => Promise<void> | void;

interface Route<P> {
  method: string;
  parts: string[];
  handler: Handler<P>;
}

const MAX_FOUND = 2000;

/**
 * A tiny router over decoded path segments. Patterns are like `/:db/_changes`; a final `*rest`
 * captures the remaining segments joined with `/`.
 */
export class Router<P> {
  private routes: Route<P>[] = [];
  private found = new Map<string, { handler: Handler<P>; params: Record<string, string> }>();

  on(method: string | string[], pattern: string, handler: Handler<P>): this {
    this.found.clear(); // a new route may win over a remembered one
    const parts = pattern.split('/').filter(Boolean);
    for (const m of Array.isArray(method) ? method : [method]) this.routes.push({ method: m, parts, handler });
    return this;
  }

  /**
   * Finds the handler for a method and decoded segments. Among the patterns that match the
   * path, the one with the most literal segments wins (so `POST /_all_dbs` is a 405, not a
   * document write to a database called `_all_dbs`); a wrong method there is a 405.
   */
  match(method: string, segments: string[]): { handler: Handler<P>; params: Record<string, string> } | null {
    // Live clients ask the same paths over and over (500 long-polls: the linear scan below was
    // 3 % of the server's CPU); found routes are remembered per method and path (bounded).
    const key = method + JSON.stringify(segments); // unambiguous, whatever a segment holds
    const known = this.found.get(key);
    if (known) return { handler: known.handler, params: { ...known.params } };
    const hit = this.search(method, segments);
    if (hit) {
      if (this.found.size >= MAX_FOUND) this.found.clear();
      this.found.set(key, { handler: hit.handler, params: { ...hit.params } });
    }
    return hit;
  }

  private search(method: string, segments: string[]): { handler: Handler<P>; params: Record<string, string> } | null {
    let best = -1;
    const candidates: { route: Route<P>; params: Record<string, string>; score: number }[] = [];
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      const score = route.parts.filter((p) => !p.startsWith(':') && !p.startsWith('*')).length;
      best = Math.max(best, score);
      candidates.push({ route, params, score });
    }
    const top = candidates.filter((c) => c.score === best);
    const hit = top.find((c) => c.route.method === method) ?? (method === 'HEAD' ? top.find((c) => c.route.method === 'GET') : undefined);
    if (hit) return { handler: hit.route.handler, params: hit.params };
    if (top.length > 0) throw methodNotAllowed([...new Set(top.map((c) => c.route.method))].join(','));
    return null;
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('*')) {
      if (i >= segments.length) return null;
      params[part.slice(1)] = segments.slice(i).join('/');
      return params;
    }
    const seg = segments[i];
    if (seg === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = seg;
    else if (part !== seg) return null;
  }
  return parts.length === segments.length ? params : null;
}

/** Splits a raw URL path into decoded segments; a malformed escape yields null. */
export function splitPath(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}
