import { badRequest } from '../http/errors';

/** Query parameter helpers that turn malformed values into 400s instead of surprises. */
export function bool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badRequest(`Invalid boolean parameter ${name}: ${v}`);
}

export function int(q: URLSearchParams, name: string, min = 0): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw badRequest(`Invalid integer parameter ${name}: ${v}`);
  return n;
}

export function json(q: URLSearchParams, name: string): unknown {
  const v = q.get(name);
  if (v === null) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    throw badRequest(`Parameter ${name} is not valid JSON.`);
  }
}

export function stringArray(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) {
    throw badRequest(`${what} must be an array of strings.`);
  }
  return value;
}
