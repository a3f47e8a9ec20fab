import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { noteTextByCandidate } from './noteText';
import { CandidateSearch, searchWords } from './searchIndex';
import { maxTypos } from './termIndex';

const make = (id: string, firstName: string, lastName: string, extra: Partial<Candidate> = {}): Candidate =>
  Object.freeze({
    ...newCandidate({ firstName, lastName, regions: ['twente'], ownerRegion: 'twente' }, { id, user: 'anna', now: '2026-11-01T10:00:00.000Z' }),
    ...extra,
  }) as Candidate;

describe('candidate search', () => {
  const a = make('a', 'Bülent', 'Yılmaz', { email: 'bulent.y@example.nl', phone: '06-12345678', postcode: '7511 AB', place: 'Enschede' });
  const b = make('b', 'Sanne', 'de Vries', { place: 'Hengelo', postcode: '7550 CD' });
  const c = make('c', 'Zoë', 'Bakker', { place: 'Almelo', email: 'zoe@bakker.nl' });

  it('is tolerant of accents, case, typos and prefixes', () => {
    const s = new CandidateSearch();
    expect(s.sync([a, b, c])).toBe(3);
    expect(s.search('Bulent')).toEqual(['a']);
    expect(s.search('bülent yilmaz')).toEqual(['a']);
    expect(s.search('Bulnet')).toEqual(['a']); // one transposition
    expect(s.search('Bülnet')).toEqual(['a']);
    expect(s.search('vris')).toEqual(['b']); // one letter missing
    expect(s.search('hengleo')).toEqual(['b']);
    expect(s.search('enschde')).toEqual(['a']);
    expect(s.search('0612345')).toEqual(['a']);
    expect(s.search('0612346')).toEqual([]); // digits: no typos
    expect(s.search('zoe')).toEqual(['c']);
    expect(s.search('ZOË BAK')).toEqual(['c']);
    expect(s.search('zoe')).toEqual(['c']);
    expect(s.search('hengel')).toEqual(['b']);
    expect(s.search('7511AB')).toEqual(['a']);
    expect(s.search('7550 cd')).toEqual(['b']);
    expect(s.search('0612345')).toEqual(['a']);
    expect(s.search('bakker.nl')).toEqual(['c']);
    expect(s.search('')).toEqual([]);
  });

  it('follows changes incrementally', () => {
    const s = new CandidateSearch();
    s.sync([a, b, c]);
    expect(s.sync([a, b, c])).toBe(0);
    const b2 = { ...b, place: 'Oldenzaal' } as Candidate;
    expect(s.sync([a, b2])).toBe(2);
    expect(s.search('hengelo')).toEqual([]);
    expect(s.search('oldenzaal')).toEqual(['b']);
    expect(s.search('zoe')).toEqual([]);
    s.setExtraText('b', 'wil graag wiskundedocent worden');
    expect(s.search('wiskundedocent')).toEqual(['b']);
  });

  it('finds a candidate by the text of her notes, and stops when the note is retracted', () => {
    const s = new CandidateSearch();
    s.sync([a, b, c]);
    const note = { candidateId: 'c', text: 'Heeft een achtergrond in scheikunde' };
    expect(s.syncExtraText(noteTextByCandidate([note]))).toBe(1);
    expect(s.search('scheikunde')).toEqual(['c']);
    // Same text again: nothing re-indexed.
    expect(s.syncExtraText(noteTextByCandidate([note]))).toBe(0);
    expect(s.syncExtraText(noteTextByCandidate([{ ...note, retracted: { at: '2026-01-01T00:00:00.000Z', by: 'anna' } }]))).toBe(1);
    expect(s.search('scheikunde')).toEqual([]);
    // Text set before the candidate is indexed is used once she arrives.
    const late = new CandidateSearch();
    late.syncExtraText(noteTextByCandidate([{ candidateId: 'a', text: 'natuurkunde' }]));
    late.sync([a]);
    expect(late.search('natuurkunde')).toEqual(['a']);
  });

  it('builds gradually, chunk by chunk, and a stale build stops without harm', async () => {
    const s = new CandidateSearch();
    let pauses = 0;
    const pause = async () => void pauses++;
    expect(await s.syncGradually([a, b, c], pause, () => false, 1)).toBe(3);
    expect(pauses).toBe(2);
    expect(s.search('bulent')).toEqual(['a']);
    const fresh = new CandidateSearch();
    expect(await fresh.syncGradually([a, b, c], pause, () => true, 1)).toBeNull();
    expect(fresh.size).toBe(1);
    // The next build picks up where the stale one stopped, and drops what is gone.
    expect(await fresh.syncGradually([a, c], pause, () => false, 1)).toBe(1);
    expect(fresh.search('zoe')).toEqual(['c']);
    expect(fresh.size).toBe(2);
  });

  it('ranks the better match first', () => {
    const s = new CandidateSearch();
    const dev = make('dev', 'Anouk', 'Jansen', { place: 'Deventer' });
    const de = make('de', 'Daan', 'de Boer', { place: 'Zwolle' });
    s.sync([dev, de, a, b]);
    // "de" is a whole word of the name there (weight 3), only a prefix of the place here.
    expect(s.search('de').slice(0, 2)).toEqual(['de', 'b']);
    expect(s.search('de')).toContain('dev');
    // The name outweighs the place; a whole word outweighs a prefix.
    expect(s.search('jansen')).toEqual(['dev']);
  });

  it('keeps only the best `limit`, in the same order as the whole list', () => {
    const s = new CandidateSearch();
    const many = Array.from({ length: 50 }, (_, i) => make(`m${i}`, ['Bart', 'Bülent', 'Bas', 'Anouk'][i % 4]!, ['Bakker', 'de Boer', 'Berg'][i % 3]!, { place: i % 5 ? 'Borne' : 'Almelo' }));
    s.sync(many);
    for (const q of ['b', 'ba', 'bo', 'bart b', 'a', 'berg']) {
      const all = s.search(q, 1000);
      expect(s.search(q, 7)).toEqual(all.slice(0, 7));
    }
  });

  it('survives many deletions (its postings are compacted) and still finds the rest', () => {
    const s = new CandidateSearch();
    const many = Array.from({ length: 3000 }, (_, i) => make(`n${i}`, i % 2 ? 'Sanne' : 'Bülent', `Achternaam${i}`));
    s.sync(many);
    const kept = many.filter((_, i) => i % 3 === 0);
    expect(s.sync(kept)).toBe(2000);
    expect(s.size).toBe(1000);
    expect(s.search('sanne', 5000).length).toBe(kept.filter((c) => c.firstName === 'Sanne').length);
    expect(s.search('achternaam3')).toContain('n3');
    expect(s.search('achternaam4')).not.toContain('n4');
    // An edit after the compaction.
    s.sync(kept.map((c, i) => (i === 0 ? ({ ...c, firstName: 'Femke' } as Candidate) : c)));
    expect(s.search('femke')).toEqual(['n0']);
    expect(s.search('bulent n0')).toEqual([]);
  });

  // Reference: a candidate matches when every query word is a prefix of one of her words or,
  // for words with letters, within maxTypos edits of one of her words that has a letter.
  const distance = (x: string, y: string): number => {
    const d = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
    for (let j = 1; j <= y.length; j++) d[0]![j] = j;
    for (let i = 1; i <= x.length; i++)
      for (let j = 1; j <= y.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    return d[x.length]![y.length]!;
  };
  const wordsOf = (c: Candidate, notes: string) =>
    [`${c.firstName} ${c.lastName}`, c.email ?? '', c.postcode ?? '', (c.postcode ?? '').replace(/\s+/g, ''), c.place ?? '', notes].flatMap(searchWords);
  const reference = (docs: Candidate[], notes: Map<string, string>, query: string) =>
    docs
      .filter((c) => {
        const words = wordsOf(c, notes.get(c.id) ?? '');
        return searchWords(query).slice(0, 31).every((q) =>
          words.some((w) => w.startsWith(q) || (maxTypos(q) > 0 && /\p{L}/u.test(w) && distance(q, w) <= maxTypos(q))),
        );
      })
      .map((c) => c.id)
      .sort();

  const NAMES = ['Bülent', 'Bart', 'Sanne', 'Zoë', 'Anouk', 'Jansen', 'Janssen', 'de Vries', 'van Dijk', 'Yılmaz', 'Enschede', 'Hengelo', 'ten Hove'];
  const docArb = fc.record({
    first: fc.constantFrom(...NAMES),
    last: fc.constantFrom(...NAMES),
    place: fc.constantFrom(...NAMES, ''),
    postcode: fc.constantFrom('7511 AB', '7512 CD', '1011 AB', ''),
    note: fc.constantFrom('', 'wiskunde docent', 'belt terug', 'Bülent'),
  });
  const queryArb = fc.oneof(
    fc.constantFrom(...NAMES, 'bulnet', 'jnasen', 'vires', '7511ab', '75', 'de v', 'wisk', 'zoe bart'),
    fc.stringMatching(/^[a-zë ]{1,9}$/),
  );

  it('finds exactly what the reference finds, and typing a query keystroke by keystroke ends where a fresh index starts', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 25 }), fc.array(queryArb, { minLength: 1, maxLength: 4 }), (rows, queries) => {
        const docs = rows.map((r, i) => make(`r${i}`, r.first, r.last, { place: r.place || undefined, postcode: r.postcode || undefined }));
        const notes = new Map(rows.flatMap((r, i) => (r.note ? [[`r${i}`, r.note] as [string, string]] : [])));
        const typed = new CandidateSearch();
        typed.syncExtraText(notes);
        typed.sync(docs);
        for (const query of queries) {
          for (let n = 1; n <= query.length; n++) typed.search(query.slice(0, n), 1000);
          const fresh = new CandidateSearch();
          fresh.syncExtraText(notes);
          fresh.sync(docs);
          const got = typed.search(query, 1000);
          expect(got).toEqual(fresh.search(query, 1000));
          expect([...got].sort()).toEqual(query.trim() ? reference(docs, notes, query) : []);
        }
      }),
      { numRuns: 100 },
    );
  });
});
