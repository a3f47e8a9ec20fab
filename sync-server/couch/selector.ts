import { badRequest } from '../http/errors';

/**
 * Mango selectors for `_changes?filter=_selector`, checked before they reach the store so that a
 * malformed one is a 400 with a reason (as CouchDB answers), not an error deep in the feed.
 * The operators are CouchDB's (and PouchDB's, which the embedded store evaluates them with).
 */
const CONDITIONS = new Set(['$lt', '$lte', '$eq', '$ne', '$gte', '$gt', '$exists', '$type', '$in', '$nin', '$size', '$mod', '$regex', '$elemMatch', '$allMatch', '$all', '$not']);
const COMBINATIONS = new Set(['$and', '$or', '$nor']);
const ARRAY_ARGS = new Set(['$in', '$nin', '$all', '$mod']);
const MAX_DEPTH = 16;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function check(node: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw badRequest('Selector is nested too deeply.');
  if (!isObject(node)) return; // a plain value: an implicit $eq
  for (const [key, value] of Object.entries(node)) {
    if (COMBINATIONS.has(key)) {
      if (!Array.isArray(value) || !value.every(isObject)) throw badRequest(`Selector error: ${key} takes an array of selectors.`);
      for (const sub of value) check(sub, depth + 1);
    } else if (key.startsWith('$')) {
      if (!CONDITIONS.has(key)) throw badRequest(`Selector error: unknown operator ${key}.`);
      if (ARRAY_ARGS.has(key) && !Array.isArray(value)) throw badRequest(`Selector error: ${key} takes an array.`);
      if (key === '$mod' && (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isInteger) || value[0] === 0)) {
        throw badRequest('Selector error: $mod takes [divisor, remainder], integers, divisor not 0.');
      }
      if (key === '$exists' && typeof value !== 'boolean') throw badRequest('Selector error: $exists takes true or false.');
      if (key === '$size' && !Number.isInteger(value)) throw badRequest('Selector error: $size takes an integer.');
      if (key === '$type' && typeof value !== 'string') throw badRequest('Selector error: $type takes a type name.');
      if (key === '$regex') {
        if (typeof value !== 'string') throw badRequest('Selector error: $regex takes a string.');
        try {
          new RegExp(value);
        } catch {
          throw badRequest('Selector error: $regex is not a valid regular expression.');
        }
      }
      if (key === '$elemMatch' || key === '$allMatch' || key === '$not') {
        if (!isObject(value)) throw badRequest(`Selector error: ${key} takes a selector.`);
        check(value, depth + 1);
      }
    } else {
      check(value, depth + 1);
    }
  }
}

/** A selector from a request (body or query); throws a 400 when missing or malformed. */
export function parseSelector(raw: unknown): Record<string, unknown> {
  if (raw === undefined) throw badRequest('filter=_selector needs a selector (POST body {"selector": {…}} or a selector parameter).');
  if (!isObject(raw)) throw badRequest('Selector error: expected a JSON object.');
  check(raw, 0);
  return raw;
}
