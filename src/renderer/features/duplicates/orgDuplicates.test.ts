// @vitest-environment node
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newVacancy, ORGANISATION_TYPE, REFERENCE_REGION, regionNoteId, type Organisation } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { defaultFieldChoice } from './fieldMerge';
import { domainOf, findOrganisationDuplicates } from './orgDuplicates';
import { mergeOrganisations, ORG_MERGE_FIELDS } from './orgMerge';
import { undoOrganisationMerge } from './orgMergeUndo';

const at = (n: number) => `2026-11-2${n}T10:00:00.000Z`;
const org = (id: string, extra: Partial<Organisation>, n = 1): Organisation => ({
  id, type: ORGANISATION_TYPE, name: id, kind: 'school', region: 'twente', source: 'region', createdAt: at(n), createdBy: 'anna', updatedAt: at(n), updatedBy: 'anna', ...extra,
});
const ref = (id: string, extra: Partial<Organisation>) => org(id, { region: REFERENCE_REGION, source: 'duo', createdBy: 'import', ...extra });

describe('likely duplicate organisations', () => {
  const orgs = [
    ref('duo-11CD01', { name: 'Kindcentrum Oriënt', brin: '11CD', vestiging: '01', place: 'Oldenzaal', website: 'https://www.kc-orient.nl' }),
    org('org-a', { name: "Kindcentrum Oriënt", brin: '11CD', vestiging: '01' }, 2),
    org('org-b', { name: 'kindcentrum  orient', place: 'OLDENZAAL' }, 3),
    org('org-c', { name: 'KC De Oriënt', website: 'kc-orient.nl/contact' }, 4),
    // Same name and place in two regions: another region's organisation is not ours to merge.
    org('org-u', { name: 'Kindcentrum Oriënt', place: 'Oldenzaal', region: 'utrecht' }),
    // Reference organisations alike among themselves: nothing for a region to do.
    ref('duo-22EF01', { name: 'De Es', place: 'Enschede' }),
    ref('duo-22EF02', { name: 'De Es', place: 'Enschede' }),
    // A board's website on many schools is no evidence.
    ...[1, 2, 3, 4].map((i) => ref(`duo-33GH0${i}`, { name: `School ${i}`, website: 'https://stichting-bestuur.nl' })),
    org('org-d', { name: 'Eigen school', website: 'http://stichting-bestuur.nl' }),
    // Different vestiging of the same BRIN: another location.
    org('org-e', { name: 'Kindcentrum Oriënt dependance', brin: '11CD', vestiging: '02' }),
    // A region's note about the reference school is not an organisation.
    org(regionNoteId('twente', 'duo-11CD01'), { name: 'Kindcentrum Oriënt', about: 'duo-11CD01', place: 'Oldenzaal' }),
  ];

  it('groups own organisations with each other and with reference ones by codes, name + place, or website', () => {
    expect(findOrganisationDuplicates(orgs, 'twente')).toEqual([
      { ids: ['org-a', 'org-b', 'org-c', 'duo-11CD01'], rules: ['codes', 'namePlace', 'website'] },
    ]);
    expect(findOrganisationDuplicates(orgs, 'utrecht')).toEqual([{ ids: ['org-u', 'duo-11CD01'], rules: ['namePlace'] }]);
  });

  it('reads a website domain from the ways people type it', () => {
    expect(domainOf('https://www.Ven.nl/contact')).toBe('ven.nl');
    expect(domainOf('ven.nl')).toBe('ven.nl');
    expect(domainOf('www.ven.nl:8080/x')).toBe('ven.nl');
    expect(domainOf('geen website')).toBeNull();
    expect(domainOf(undefined)).toBeNull();
  });
});

describe('merging duplicate organisations', () => {
  const dbs: RegiodeskDatabase[] = [];
  afterEach(async () => {
    while (dbs.length) await dbs.pop()!.remove();
  });
  const open = async () => {
    const db = await createDatabase(`orgmerge${Date.now()}${dbs.length}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    dbs.push(db);
    return db;
  };
  const seed = async (db: RegiodeskDatabase, keepOrgs: Organisation[]) => {
    await db.organisations.bulkInsert([...keepOrgs, org('org-school', { name: 'Locatie Noord', parentId: 'org-b', kind: 'school' })]);
    await db.people.insert({ id: 'p1', type: 'person', name: 'Petra de Boer', organisationIds: ['org-b', 'org-x'], region: 'twente', createdAt: at(1), createdBy: 'anna', updatedAt: at(1), updatedBy: 'anna' } as never);
    await db.people.insert({ id: 'p2', type: 'person', name: 'Ali Bakker', organisationIds: ['org-a', 'org-b'], region: 'twente', createdAt: at(1), createdBy: 'anna', updatedAt: at(1), updatedBy: 'anna' } as never);
    await db.contacts.insert({ id: 'cand1:c:1', type: 'contact', candidateId: 'cand1', organisationId: 'org-b', organisationName: 'Stichting B', region: 'twente', status: 'contact_gelegd', date: '2026-11-01', createdAt: at(1), createdBy: 'anna', updatedAt: at(1), updatedBy: 'anna' } as never);
    await db.vacancies.insert(newVacancy({ title: 'Docent', organisationId: 'org-b', organisationName: 'Stichting B', function: 'docent', sector: 'po' }, { id: 'vac1', region: 'twente', user: 'anna', now: at(1) }) as never);
    await db.activities.insert({ id: 'act1abcd', type: 'activity', title: 'Open dag', kind: 'open_dag', startsAt: at(5), partners: 'Stichting B, Gemeente', region: 'twente', createdAt: at(1), createdBy: 'anna', updatedAt: at(1), updatedBy: 'anna' } as never);
  };
  const json = async <T,>(db: RegiodeskDatabase, name: 'people' | 'contacts' | 'vacancies' | 'activities' | 'organisations', id: string) =>
    ((await (db[name] as unknown as { findOne: (id: string) => { exec: () => Promise<{ toJSON: () => T } | null> } }).findOne(id).exec())?.toJSON() ?? null) as T | null;

  it('own into own: chosen fields kept; people, contacts, vacancies, relations and activities re-pointed; the other removed', async () => {
    const db = await open();
    const a = org('org-a', { name: 'Stichting A', place: 'Hengelo', note: 'Eerste notitie' }, 1);
    const b = org('org-b', { name: 'Stichting B', website: 'https://b.nl', phone: '074-1234567' }, 2);
    await seed(db, [a, b]);
    const choice = { ...defaultFieldChoice(a, [b], ORG_MERGE_FIELDS), name: 'org-b' };
    expect(choice).toMatchObject({ website: 'org-b', place: 'org-a', note: 'org-a' });
    const result = await mergeOrganisations(db, 'org-a', ['org-a', 'org-b'], choice, 'twente', 'anna');
    expect(result).toMatchObject({ moved: 5, removed: 1 });
    expect(await json(db, 'organisations', 'org-b')).toBeNull();
    expect(await json(db, 'organisations', 'org-a')).toMatchObject({ name: 'Stichting B', place: 'Hengelo', website: 'https://b.nl', phone: '074-1234567', note: 'Eerste notitie', createdAt: at(1), updatedBy: 'anna' });
    expect((await json<{ organisationIds: string[] }>(db, 'people', 'p1'))!.organisationIds).toEqual(['org-a', 'org-x']);
    expect((await json<{ organisationIds: string[] }>(db, 'people', 'p2'))!.organisationIds).toEqual(['org-a']);
    expect(await json(db, 'contacts', 'cand1:c:1')).toMatchObject({ organisationId: 'org-a', organisationName: 'Stichting B' });
    expect(await json(db, 'vacancies', 'vac1')).toMatchObject({ organisationId: 'org-a', organisationName: 'Stichting B' });
    expect(await json(db, 'organisations', 'org-school')).toMatchObject({ parentId: 'org-a' });
    // The name stayed Stichting B, so the activity's text needs no change.
    expect(await json(db, 'activities', 'act1abcd')).toMatchObject({ partners: 'Stichting B, Gemeente' });
  });

  it('own into reference: links move to the reference organisation, which stays unchanged; the own note becomes the region note', async () => {
    const db = await open();
    const school = ref('duo-11CD01', { name: 'Kindcentrum Oriënt', brin: '11CD', vestiging: '01' });
    const b = org('org-b', { name: 'Stichting B', note: 'Directeur: mevr. Smit' }, 2);
    await seed(db, [school, b]);
    const before = await json<Organisation>(db, 'organisations', 'duo-11CD01');
    const { removed } = await mergeOrganisations(db, 'duo-11CD01', ['duo-11CD01', 'org-b'], { name: 'org-b' }, 'twente', 'anna');
    expect(removed).toBe(1);
    expect(await json(db, 'organisations', 'duo-11CD01')).toEqual(before);
    expect(await json(db, 'organisations', 'org-b')).toBeNull();
    expect(await json(db, 'contacts', 'cand1:c:1')).toMatchObject({ organisationId: 'duo-11CD01', organisationName: 'Kindcentrum Oriënt' });
    expect(await json(db, 'vacancies', 'vac1')).toMatchObject({ organisationId: 'duo-11CD01', organisationName: 'Kindcentrum Oriënt' });
    expect((await json<{ organisationIds: string[] }>(db, 'people', 'p1'))!.organisationIds).toEqual(['duo-11CD01', 'org-x']);
    expect(await json(db, 'activities', 'act1abcd')).toMatchObject({ partners: 'Kindcentrum Oriënt, Gemeente' });
    expect(await json(db, 'organisations', regionNoteId('twente', 'duo-11CD01'))).toMatchObject({ about: 'duo-11CD01', note: 'Directeur: mevr. Smit', region: 'twente' });
  });

  it('undo brings the removed organisation and every link back, but keeps what was edited since', async () => {
    const db = await open();
    const a = org('org-a', { name: 'Stichting A', place: 'Hengelo', note: 'Eerste notitie' }, 1);
    const b = org('org-b', { name: 'Stichting B', website: 'https://b.nl', phone: '074-1234567' }, 2);
    await seed(db, [a, b]);
    await db.contacts.insert({ id: 'cand2:c:1', type: 'contact', candidateId: 'cand2', organisationId: 'org-b', organisationName: 'Stichting B', region: 'twente', status: 'gesprek', date: '2026-11-02', createdAt: at(1), createdBy: 'anna', updatedAt: at(1), updatedBy: 'anna' } as never);
    const before = {
      a: await json(db, 'organisations', 'org-a'),
      b: await json<Organisation>(db, 'organisations', 'org-b'),
      p1: await json(db, 'people', 'p1'),
      p2: await json(db, 'people', 'p2'),
      contact: await json(db, 'contacts', 'cand1:c:1'),
      vacancy: await json(db, 'vacancies', 'vac1'),
      school: await json(db, 'organisations', 'org-school'),
      activity: await json(db, 'activities', 'act1abcd'),
    };
    const choice = { ...defaultFieldChoice(a, [b], ORG_MERGE_FIELDS), name: 'org-a' };
    const { undo } = await mergeOrganisations(db, 'org-a', ['org-a', 'org-b'], choice, 'twente', 'anna');
    expect(await json(db, 'activities', 'act1abcd')).toMatchObject({ partners: 'Stichting A, Gemeente' });

    // Edits after the merge: one contact moved on to another school, the kept organisation's phone changed.
    await (await db.contacts.findOne('cand2:c:1').exec())!.incrementalModify((d) => ({ ...d, organisationId: 'org-x', organisationName: 'Andere school' }));
    await (await db.organisations.findOne('org-a').exec())!.incrementalModify((d) => ({ ...d, phone: '053-7654321' }));

    const result = await undoOrganisationMerge(db, undo, 'bert');
    expect(result).toMatchObject({ restored: 1, kept: 1 });
    // Who and when of the last write, and its field clocks, are the undo's own.
    const strip = <T,>(o: T) => {
      const { updatedAt: _u, updatedBy: _b, fieldClocks: _c, ...rest } = o as Record<string, unknown>;
      void [_u, _b, _c];
      return rest;
    };
    expect(strip(await json(db, 'organisations', 'org-b'))).toEqual(strip(before.b));
    expect(await json(db, 'organisations', 'org-b')).toMatchObject({ updatedBy: 'bert' });
    expect(strip(await json(db, 'people', 'p1'))).toEqual(strip(before.p1));
    expect(strip(await json(db, 'people', 'p2'))).toEqual(strip(before.p2));
    expect(strip(await json(db, 'contacts', 'cand1:c:1'))).toEqual(strip(before.contact));
    expect(strip(await json(db, 'vacancies', 'vac1'))).toEqual(strip(before.vacancy));
    expect(strip(await json(db, 'organisations', 'org-school'))).toEqual(strip(before.school));
    expect(strip(await json(db, 'activities', 'act1abcd'))).toEqual(strip(before.activity));
    // The edited ones keep the edit: the contact stays at its new school, the new phone stays; the rest of org-a is as before.
    expect(await json(db, 'contacts', 'cand2:c:1')).toMatchObject({ organisationId: 'org-x', organisationName: 'Andere school' });
    expect(strip(await json(db, 'organisations', 'org-a'))).toEqual({ ...strip(before.a), phone: '053-7654321' });
  });

  it('undo of a merge into a reference organisation: own one back, links back, region note back to what it was', async () => {
    const db = await open();
    const school = ref('duo-11CD01', { name: 'Kindcentrum Oriënt', brin: '11CD', vestiging: '01' });
    const b = org('org-b', { name: 'Stichting B', note: 'Directeur: mevr. Smit' }, 2);
    await seed(db, [school, b]);
    const { undo } = await mergeOrganisations(db, 'duo-11CD01', ['duo-11CD01', 'org-b'], { name: 'org-b' }, 'twente', 'anna');
    // A person linked since to the reference school and another organisation keeps that link.
    await (await db.people.findOne('p1').exec())!.incrementalModify((d) => ({ ...d, organisationIds: [...(d as { organisationIds: string[] }).organisationIds, 'org-y'] }));

    await undoOrganisationMerge(db, undo, 'anna');
    expect(await json(db, 'organisations', 'org-b')).toMatchObject({ name: 'Stichting B', note: 'Directeur: mevr. Smit', region: 'twente' });
    expect((await json<{ organisationIds: string[] }>(db, 'people', 'p1'))!.organisationIds).toEqual(['org-b', 'org-x', 'org-y']);
    expect(await json(db, 'contacts', 'cand1:c:1')).toMatchObject({ organisationId: 'org-b', organisationName: 'Stichting B' });
    expect(await json(db, 'vacancies', 'vac1')).toMatchObject({ organisationId: 'org-b', organisationName: 'Stichting B' });
    expect(await json(db, 'organisations', 'org-school')).toMatchObject({ parentId: 'org-b' });
    expect(await json(db, 'activities', 'act1abcd')).toMatchObject({ partners: 'Stichting B, Gemeente' });
    // The note did not exist before the merge, so it is gone again.
    expect(await json(db, 'organisations', regionNoteId('twente', 'duo-11CD01'))).toBeNull();
  });
});
