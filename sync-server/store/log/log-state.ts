import type { RevTree } from 'pouchdb-merge';
import type { Json } from '../types';
import { noteType } from './log-kind';
import { eraseRevs, winnerOf, type Local, type Meta } from './log-meta';

/*
 * Records in the file, each line a JSON array of them (one line per committed group of writes):
 *   ["d", id, seq, tree, rev, body]   a revision written (the whole tree after the write)
 *   ["l", id, rev, body|null]         a _local document written (null: deleted)
 *   ["e", id, [rev…]]                 bodies erased (purge): the revisions stay, their bodies go
 *   ["f", id, seq, tree, {rev: body}] a document as a whole (written by compaction)
 *   ["h", update_seq]                 the sequence counter (first line after compaction)
 */
export type Rec = ['d', string, number, RevTree, string, Json] | ['l', string, string, Json | null] | ['e', string, string[]] | ['f', string, number, RevTree, Record<string, Json>] | ['h', number];

/** What readers see of one database: the committed documents and their indexes, all in memory. */
export class LogState {
  readonly docs = new Map<string, Meta>();
  readonly locals = new Map<string, Local>();
  /** Document by its latest sequence (holes where a document moved on). */
  readonly bySeq: (Meta | undefined)[] = [undefined];
  seq = 0;
  docCount = 0;
  delCount = 0;
  private sorted: string[] = [];
  private unsorted: string[] = [];

  replay(rec: Rec): void {
    switch (rec[0]) {
      case 'd': {
        const [, id, seq, tree, rev, body] = rec;
        const cur = this.docs.get(id);
        const bodies = cur?.bodies ?? new Map<string, string>();
        const text = JSON.stringify(body);
        bodies.set(rev, text);
        const m = this.withWinner({ id, tree, seq, bodies, winner: '', deleted: false });
        noteType(m, rev, text, (body as Json | null)?.type);
        this.commitMeta(m);
        break;
      }
      case 'f': {
        const [, id, seq, tree, bodies] = rec;
        const m = new Map(Object.entries(bodies).map(([r, b]) => [r, JSON.stringify(b)]));
        const meta = this.withWinner({ id, tree, seq, bodies: m, winner: '', deleted: false });
        const won = bodies[meta.winner];
        if (won !== undefined) noteType(meta, meta.winner, m.get(meta.winner)!, (won as Json | null)?.type);
        this.commitMeta(meta);
        break;
      }
      case 'e': {
        const m = this.docs.get(rec[1]);
        if (m) this.commitMeta(eraseRevs({ ...m, tree: m.tree, bodies: m.bodies }, rec[2]));
        break;
      }
      case 'l':
        if (rec[3] === null) this.locals.delete(rec[1]);
        else this.locals.set(rec[1], { rev: rec[2], body: JSON.stringify(rec[3]) });
        break;
      case 'h':
        this.seq = Math.max(this.seq, rec[1]);
        break;
    }
  }

  private withWinner(m: Meta): Meta {
    const w = winnerOf(m.tree);
    m.winner = w.rev;
    m.deleted = w.deleted;
    return m;
  }

  /** Makes `next` the visible state of its document (keeps the Meta object that bySeq points to). */
  commitMeta(next: Meta): void {
    const cur = this.docs.get(next.id);
    if (cur) {
      if (cur.deleted) this.delCount--;
      else this.docCount--;
      if (cur.seq !== next.seq) this.bySeq[cur.seq] = undefined;
      Object.assign(cur, next);
    } else {
      this.docs.set(next.id, next);
      this.unsorted.push(next.id);
    }
    const m = cur ?? next;
    if (m.deleted) this.delCount++;
    else this.docCount++;
    this.bySeq[m.seq] = m;
    if (m.seq > this.seq) this.seq = m.seq;
  }

  sortedIds(): string[] {
    if (this.unsorted.length) {
      this.unsorted.sort();
      const a = this.sorted;
      const b = this.unsorted;
      const out: string[] = new Array(a.length + b.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
      while (i < a.length) out[k++] = a[i++]!;
      while (j < b.length) out[k++] = b[j++]!;
      this.sorted = out;
      this.unsorted = [];
    }
    return this.sorted;
  }
}
