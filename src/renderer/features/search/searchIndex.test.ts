import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { noteTextByCandidate } from './noteText';
import { CandidateSearch } from './searchIndex';

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
});
