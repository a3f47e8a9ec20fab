import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRows, defaultValueMaps, matchHeaders, withChoice, type ImportContext } from '../../../shared';
import { parseImportFile } from '../../../shared/import/parse';
import { checkAll } from './helper';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../test-fixtures/import/${name}`, import.meta.url)));

function ctx(): ImportContext {
  let n = 0;
  return { region: 'twente', user: 'anna', now: '2026-11-26T10:00:00.000Z', fileName: 'x.csv', newId: () => `c${++n}` };
}

describe('checking the rows in the import worker (its helper absent)', () => {
  it('checks every row itself, in order, when no helper can start, and reports progress up to the total', async () => {
    // Node has no Web Worker: this is the path of a browser where workers cannot start workers.
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const t = await parseImportFile(fixture('airtable-kandidaten.csv'), 'airtable-kandidaten.csv');
    // 2,400 rows: more than one slice of 1,000, so the yields between slices run too.
    const rows = Array.from({ length: 200 }, () => t.rows).flat();
    const mapping = matchHeaders(t.headers);
    const maps = withChoice(defaultValueMaps(), 'phase', 'wachtlijst', 'on_hold');
    const seen: number[] = [];
    const out = await checkAll(rows, mapping, maps, ctx(), (done) => seen.push(done));
    expect(out.helped).toBe(0);
    expect(out.rows).toEqual(checkRows(rows, mapping, maps, ctx()));
    expect(out.rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    expect(seen.at(-1)).toBe(rows.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
