import type { Subscription } from 'rxjs';
import type { Candidate } from '../../../shared';
import type { CandidateCollection } from '../../db/collections';

/** Lookup keys: a lower-case e-mail; a phone number's digits with +31/0031 folded to 0. */
export const emailKey = (s: string | undefined) => (s ? s.trim().toLowerCase() : '');
export function phoneKey(s: string | undefined): string {
  let d = (s ?? '').replace(/[^0-9+]/g, '');
  if (d.startsWith('+31')) d = '0' + d.slice(3);
  else if (d.startsWith('0031')) d = '0' + d.slice(4);
  d = d.replace(/\D/g, '');
  return d.length >= 8 ? d : '';
}

export interface KnownPerson {
  id: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

function put(map: Map<string, KnownPerson[]>, key: string, person: KnownPerson): void {
  const list = map.get(key);
  if (!list) return void map.set(key, [person]);
  const i = list.findIndex((x) => x.id === person.id);
  if (i >= 0) list[i] = person;
  else if (list.length < 20) list.push(person);
}

/** One index per local database, shared by the screens that flag likely duplicates. */
const shared = new WeakMap<object, ContactIndex>();
export function sharedContactIndex(collection: CandidateCollection, onReady: () => void): ContactIndex {
  let index = shared.get(collection);
  if (!index) {
    index = new ContactIndex();
    shared.set(collection, index);
    void index.build(collection);
  }
  if (!index.ready) void index.whenReady().then(onReady);
  return index;
}

type Indexed = Pick<Candidate, 'id' | 'firstName' | 'lastName' | 'email' | 'phone'> & { _deleted?: boolean };

/**
 * An in-memory index of the local candidates by e-mail and phone, so event mode can say "this
 * person is probably known" while typing, in constant time, with 100,000 candidates on the
 * laptop. Built once in pages (the candidate schema has no e-mail index), then kept up to date
 * from the collection's change stream.
 */
export class ContactIndex {
  private byEmail = new Map<string, KnownPerson[]>();
  private byPhone = new Map<string, KnownPerson[]>();
  private sub: Subscription | null = null;
  ready = false;
  private readyWaiters: (() => void)[] = [];

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  add(c: Indexed): void {
    if (c._deleted) return;
    const person: KnownPerson = { id: c.id, name: `${c.firstName} ${c.lastName}`.trim(), email: c.email, phone: c.phone };
    const e = emailKey(c.email);
    const p = phoneKey(c.phone);
    if (e) put(this.byEmail, e, person);
    if (p) put(this.byPhone, p, person);
  }

  /** A candidate with this e-mail (first) or phone, other than `except`, if any. */
  lookup(email: string | undefined, phone: string | undefined, except?: string): KnownPerson | null {
    const e = emailKey(email);
    const p = phoneKey(phone);
    const pick = (list: KnownPerson[] | undefined) => list?.find((x) => x.id !== except);
    return (e && pick(this.byEmail.get(e))) || (p && pick(this.byPhone.get(p))) || null;
  }

  get size(): number {
    return this.byEmail.size + this.byPhone.size;
  }

  /** Reads every local candidate in pages and follows later changes. */
  async build(collection: CandidateCollection, pageSize = 2000): Promise<void> {
    this.sub = collection.$.subscribe((ev) => {
      if (ev.operation !== 'DELETE') this.add(ev.documentData as unknown as Indexed);
    });
    let last = '';
    for (;;) {
      const page = await collection
        .find({ selector: last ? { id: { $gt: last } } : {}, sort: [{ id: 'asc' }], limit: pageSize })
        .exec();
      for (const d of page) this.add(d.toJSON() as unknown as Indexed);
      if (page.length < pageSize) break;
      last = page[page.length - 1]!.id;
      if (this.sub === null) return; // stopped meanwhile
    }
    this.ready = true;
    for (const w of this.readyWaiters.splice(0)) w();
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }
}
