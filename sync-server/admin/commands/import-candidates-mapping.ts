import { readFile } from 'node:fs/promises';
import { CODED_TARGETS, foldHeader, isBlank, lookupValue, splitMulti, targetOfHeader, TERMS_OF, withChoice, type CodedTarget, type ColumnMapping, type ValueMaps } from '../../../src/shared';
import type { Table } from '../../../src/shared/import/parse';

/** A value mapping given on the command line or in a file: one file value of a coded field → our code (null: leave empty). */
export interface ValueChoice {
  target: CodedTarget;
  value: string;
  code: string | null;
}

export class MappingError extends Error {}

const isCoded = (t: string | null | undefined): t is CodedTarget => !!t && (CODED_TARGETS as readonly string[]).includes(t);

/**
 * The coded field a column name stands for: a header of the file (`Fase`), one of its aliases, or
 * the field itself (`phase`). A header of the file wins, so a renamed column can still be named.
 */
function targetOfColumn(column: string, headers: readonly string[], mapping: ColumnMapping): CodedTarget {
  const folded = foldHeader(column);
  const i = headers.findIndex((h) => foldHeader(h) === folded);
  const t = i >= 0 ? mapping[i] : (CODED_TARGETS as readonly string[]).includes(column) ? (column as CodedTarget) : targetOfHeader(column);
  if (!isCoded(t)) throw new MappingError(`"${column}" is not a column with coded values (${CODED_TARGETS.join(', ')}; or a header of the file mapped onto one).`);
  return t;
}

function choice(target: CodedTarget, value: string, code: string, where: string): ValueChoice {
  const c = code.trim();
  // `-` or nothing after `=`: the value is known and left empty (as "leeg laten" in the wizard).
  if (c === '' || c === '-') return { target, value, code: null };
  if (!TERMS_OF[target].some((t) => t.code === c)) {
    throw new MappingError(`${where}: "${c}" is not a ${target} code; known: ${TERMS_OF[target].map((t) => t.code).join(', ')} (or - for empty).`);
  }
  return { target, value, code: c };
}

/** `--map <column>:<file value>=<code>`, e.g. `--map fase:Wachtlijst=on_hold` (the shell has taken the quotes off). */
export function parseMapOption(spec: string, headers: readonly string[], mapping: ColumnMapping): ValueChoice {
  const colon = spec.indexOf(':');
  const eq = spec.lastIndexOf('=');
  if (colon <= 0 || eq < colon + 2) throw new MappingError(`--map "${spec}" is not <column>:<value>=<code>, e.g. --map fase:"Oriëntatie"=orienteren.`);
  const value = spec.slice(colon + 1, eq).trim().replace(/^"(.*)"$/s, '$1');
  return choice(targetOfColumn(spec.slice(0, colon).trim(), headers, mapping), value, spec.slice(eq + 1), `--map "${spec}"`);
}

/** `--mapping file.json`: `{ "<column>": { "<file value>": "<code>" | null } }`. */
export async function readMappingFile(file: string, headers: readonly string[], mapping: ColumnMapping): Promise<ValueChoice[]> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new MappingError(`${file}: not a readable JSON file (${(e as Error).message}).`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MappingError(`${file}: expected {"<column>": {"<value>": "<code>"}}.`);
  const out: ValueChoice[] = [];
  for (const [column, values] of Object.entries(body as Record<string, unknown>)) {
    const target = targetOfColumn(column, headers, mapping);
    if (!values || typeof values !== 'object' || Array.isArray(values)) throw new MappingError(`${file}: "${column}" must map values to codes.`);
    for (const [value, code] of Object.entries(values as Record<string, unknown>)) {
      if (code !== null && typeof code !== 'string') throw new MappingError(`${file}: ${column}.${value} must be a code or null.`);
      out.push(choice(target, value, code ?? '', `${file}: ${column}.${value}`));
    }
  }
  return out;
}

export function applyChoices(maps: ValueMaps, choices: readonly ValueChoice[]): ValueMaps {
  return choices.reduce((m, c) => withChoice(m, c.target, c.value, c.code), maps);
}

export interface UnknownColumn {
  header: string;
  target: CodedTarget;
  /** File value as first seen → the lines (header = line 1) it is on. */
  values: { value: string; lines: number[] }[];
}

/** The values of coded columns the maps do not know, per column, with the lines they are on (their rows would be rejected). */
export function unknownByColumn(table: Table, mapping: ColumnMapping, maps: ValueMaps): UnknownColumn[] {
  const out: UnknownColumn[] = [];
  mapping.forEach((target, col) => {
    if (!isCoded(target)) return;
    const byValue = new Map<string, { value: string; lines: number[] }>();
    table.rows.forEach((row, r) => {
      const cell = row[col] ?? '';
      if (isBlank(cell)) return;
      for (const v of target === 'phase' ? [cell.trim()] : splitMulti(cell)) {
        if (lookupValue(maps, target, v) !== undefined) continue;
        const key = v.toLowerCase();
        const entry = byValue.get(key) ?? { value: v, lines: [] };
        if (entry.lines.at(-1) !== r + 2) entry.lines.push(r + 2);
        byValue.set(key, entry);
      }
    });
    if (byValue.size) out.push({ header: table.headers[col] ?? target, target, values: [...byValue.values()].sort((a, b) => b.lines.length - a.lines.length) });
  });
  return out;
}

/** The report lines: per column its unknown values, how many rows each, and which lines (the first 20). */
export function formatUnknown(columns: readonly UnknownColumn[]): string[] {
  const lines: string[] = [];
  for (const c of columns) {
    const rows = new Set(c.values.flatMap((v) => v.lines)).size;
    lines.push(`Column "${c.header}" (${c.target}): ${c.values.length} unknown value${c.values.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'} (rejected unless mapped, e.g. --map "${c.header}:${c.values[0]!.value}=<code>"):`);
    for (const v of c.values) {
      const shown = v.lines.slice(0, 20).join(', ') + (v.lines.length > 20 ? `, … (${v.lines.length - 20} more)` : '');
      lines.push(`  "${v.value}": ${v.lines.length} row${v.lines.length === 1 ? '' : 's'} (line${v.lines.length === 1 ? '' : 's'} ${shown})`);
    }
  }
  return lines;
}
