import { ORGANISATION_TYPE, REFERENCE_REGION, type Organisation } from '../domain/organisation';
import type { ReferenceFields, ReferenceFile } from './record';

export interface ReferenceImportReport {
  format: ReferenceFile['format'];
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: { line: number; reason: string }[];
  unknownColumns: string[];
}

export interface ReferenceImportPlan {
  /** Documents to write (new, changed, or closed), complete and schema-shaped. */
  writes: Organisation[];
  report: ReferenceImportReport;
}

const META = new Set(['id', 'type', 'region', 'fieldClocks', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', '_id', '_rev']);

function contentOf(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!META.has(k) && !k.startsWith('_') && v !== undefined) out[k] = v;
  return out;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function inScope(doc: Organisation, scope: ReferenceFile['scope']): boolean {
  if (doc.source !== scope.source || !scope.kinds.includes(doc.kind)) return false;
  if (!scope.sectors) return true;
  return (doc.sectors ?? []).some((s) => scope.sectors!.includes(s));
}

/**
 * Compares a file's records with the reference documents already stored (keyed by id, i.e. by
 * official codes) and says what to write: new ones are created, changed ones updated in place
 * (created* kept), equal ones left alone, and stored ones of the file's scope that the file no
 * longer lists are marked closed, never deleted. `partial`: the file is not a full list, so
 * absence closes nothing. Only reference documents are ever in `existing`: a region's own
 * organisations live in the region's database and cannot be touched from here.
 */
export function planReferenceImport(
  file: ReferenceFile,
  existing: ReadonlyMap<string, Organisation>,
  ctx: { now: string; user: string; today: string; partial?: boolean },
): ReferenceImportPlan {
  const writes: Organisation[] = [];
  const report: ReferenceImportReport = {
    format: file.format,
    rows: file.rows,
    created: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
    rejected: file.rejected,
    unknownColumns: file.unknownColumns,
  };
  const listed = new Set<string>();
  const build = (id: string, fields: ReferenceFields, old: Organisation | undefined): Organisation => ({
    ...fields,
    id,
    type: ORGANISATION_TYPE,
    region: REFERENCE_REGION,
    createdAt: old?.createdAt ?? ctx.now,
    createdBy: old?.createdBy ?? ctx.user,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  });
  for (const r of file.records) {
    listed.add(r.id);
    const old = existing.get(r.id);
    if (!old) {
      writes.push(build(r.id, r.fields, undefined));
      report.created++;
      continue;
    }
    // A derived institution keeps fields a fuller row gave it earlier (e.g. its real name).
    const fields = r.derived ? ({ ...contentOf(old), ...r.fields, name: old.name } as ReferenceFields) : r.fields;
    if (stable(contentOf(old)) === stable(contentOf(fields as Record<string, unknown>))) report.unchanged++;
    else {
      writes.push(build(r.id, fields, old));
      // An end date that has passed closes a location the file still lists.
      if (fields.closed && !old.closed) report.closed++;
      else report.updated++;
    }
  }
  if (!ctx.partial) {
    for (const doc of existing.values()) {
      if (listed.has(doc.id) || doc.closed || !inScope(doc, file.scope)) continue;
      writes.push({ ...doc, closed: true, closedOn: ctx.today, updatedAt: ctx.now, updatedBy: ctx.user });
      report.closed++;
    }
  }
  return { writes, report };
}
