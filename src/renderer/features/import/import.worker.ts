/// <reference lib="webworker" />
import '../../app/zodConfig'; // no eval probe under the CSP (see there)
import { flagDuplicates, matchHeaders, unknownValues } from '../../../shared';
import { ImportFileError, parseImportFile, type Table } from '../../../shared/import/parse';
import type { PlannedRow } from '../../../shared';
import type { FromWorker, ToHelper, ToWorker } from './protocol';
import { answerCheck, checkAll, startHelper } from './helper';
import { sealAhead } from './preseal';

/**
 * Parsing and planning 50,000 rows takes seconds: here they do not freeze the UI. The parsed
 * table stays in the worker; the wizard gets a preview, then the plan.
 */
let table: Table | null = null;
/** Rows per plan message: the page reads (deserialises) one message in one task, so this bounds that freeze. */
const PLAN_SLICE = 250;
/** The last plan's rows by candidate id: the page asks for them to be sealed ahead of its write. */
let planned = new Map<string, PlannedRow>();

const post = (m: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Counts the requests from the page (not seal requests, which answer on their own). */
let generation = 0;

self.onmessage = async (e: MessageEvent<ToWorker | ToHelper>) => {
  const msg = e.data;
  if (msg.type === 'check') return answerCheck(msg, uuid);
  if (msg.type === 'seal') {
    // Its own answer, never an `error`: the page then simply seals these documents itself.
    try {
      const items = msg.candidateIds.flatMap((id) => {
        const row = planned.get(id);
        return row?.candidate ? [{ candidate: row.candidate, notes: row.notes ?? [] }] : [];
      });
      post({ type: 'sealed', seq: msg.seq, offers: sealAhead(msg.key, items) });
    } catch (err) {
      post({ type: 'sealFailed', seq: msg.seq, detail: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  // Planning yields to the event loop: a request that came meanwhile makes its answer stale.
  const mine = ++generation;
  try {
    if (msg.type === 'parse') {
      table = null;
      planned = new Map();
      table = await parseImportFile(new Uint8Array(msg.bytes), msg.name);
      post({
        type: 'parsed',
        preview: {
          headers: table.headers,
          sample: table.rows.slice(0, 5),
          rowCount: table.rows.length,
          format: table.format,
          ...(table.encoding ? { encoding: table.encoding } : {}),
          ...(table.delimiter ? { delimiter: table.delimiter } : {}),
          mapping: matchHeaders(table.headers),
        },
      });
      // Started now, so it is ready when the dry run comes.
      startHelper();
    } else if (!table) {
      post({ type: 'error', problem: 'internal', detail: 'no file' });
    } else if (msg.type === 'unknown') {
      post({ type: 'unknown', values: unknownValues(table, msg.mapping, msg.maps) });
    } else {
      const total = table.rows.length;
      const checked = await checkAll(table.rows, msg.mapping, msg.maps, { region: msg.region, user: msg.user, now: msg.now, fileName: msg.fileName, newId: uuid }, (done) =>
        post({ type: 'progress', done, total }),
      );
      if (mine !== generation) return;
      const plan = flagDuplicates(checked.rows, msg.existing);
      planned = new Map(plan.rows.flatMap((r) => (r.candidate ? [[r.candidate.id, r] as const] : [])));
      // 50,000 planned rows in one message took the page seconds to read (bench:import): slices
      // of PLAN_SLICE rows let it breathe between them.
      for (let i = 0; i < plan.rows.length; i += PLAN_SLICE) post({ type: 'planRows', rows: plan.rows.slice(i, i + PLAN_SLICE) });
      post({ type: 'planned', plan: { counts: plan.counts, rows: [] }, helped: checked.helped });
    }
  } catch (err) {
    if (mine !== generation) return;
    if (err instanceof ImportFileError) post({ type: 'error', problem: err.problem, detail: err.message });
    else post({ type: 'error', problem: 'internal', detail: err instanceof Error ? err.message : String(err) });
  }
};
