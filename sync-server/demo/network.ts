import {
  contactId,
  CONTACT_TYPE,
  ORGANISATION_TYPE,
  TASK_TYPE,
  childIdOf,
  type Candidate,
  type Contact,
  type ContactStatus,
  type Organisation,
  type Task,
} from '../../src/shared';
import { Picker, seededRandom } from './prng';

/** Schools, boards and teacher-training programmes a region's desk works with (hand-entered). */
const ORGANISATIONS: Record<string, [string, Organisation['kind'], string][]> = {
  twente: [
    ['OBS De Esch', 'school', 'Enschede'], ['Het Stedelijk Lyceum', 'school', 'Enschede'], ['Bataafs Lyceum', 'school', 'Hengelo'],
    ['Stichting Keender', 'schoolbestuur', 'Hengelo'], ['ROC van Twente', 'instelling', 'Hengelo'], ['Saxion Pabo', 'lerarenopleiding', 'Enschede'],
    ['Universiteit Twente – ELAN', 'lerarenopleiding', 'Enschede'], ['CBS De Wegwijzer', 'school', 'Almelo'],
  ],
  utrecht: [
    ['Gerrit Rietveld College', 'school', 'Utrecht'], ['Stichting PCOU Willibrord', 'schoolbestuur', 'Utrecht'], ['Hogeschool Utrecht – Pabo', 'lerarenopleiding', 'Utrecht'],
    ['Universiteit Utrecht – GST', 'lerarenopleiding', 'Utrecht'], ['MBO Utrecht', 'instelling', 'Utrecht'], ['Basisschool De Kleine Dichter', 'school', 'Amersfoort'],
  ],
  rijnmond: [
    ['Erasmiaans Gymnasium', 'school', 'Rotterdam'], ['Stichting BOOR', 'schoolbestuur', 'Rotterdam'], ['Hogeschool Rotterdam – Pabo', 'lerarenopleiding', 'Rotterdam'],
    ['Albeda', 'instelling', 'Rotterdam'], ['Thomas More Hogeschool', 'lerarenopleiding', 'Rotterdam'], ['OBS De Klimop', 'school', 'Schiedam'],
  ],
};

const TASK_TITLES = [
  'Terugbellen over de intake', 'Meeloopdag plannen', 'Informatie zij-instroom mailen', 'Diploma’s opvragen',
  'Afspraak met de pabo regelen', 'Vacatures doorsturen', 'Gesprek na de meeloopdag', 'Bekostiging zij-instroom nagaan',
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The demo's network and follow-up: organisations of the region, contacts of candidates in the
 * later phases with those organisations, and open and done tasks (some overdue) for the owners.
 */
export function demoNetwork(region: string, candidates: readonly Candidate[], owners: string[], now = Date.now()) {
  const p = new Picker(seededRandom(`regiodesk-network-${region}`));
  const stamp = new Date(now - 30 * DAY).toISOString();
  const organisations: Organisation[] = (ORGANISATIONS[region] ?? []).map(([name, kind, place], i) => ({
    id: `org-${region}-${i + 1}`, type: ORGANISATION_TYPE, name, kind, place, region,
    createdAt: stamp, createdBy: owners[0]!, updatedAt: stamp, updatedBy: owners[0]!,
  }));
  const contacts: Contact[] = [];
  const tasks: Task[] = [];
  for (const c of candidates) {
    if (organisations.length && ['voorbereiden', 'matchen', 'opleiden', 'geplaatst'].includes(c.phase) && p.chance(0.5)) {
      const org = p.one(organisations);
      const status: ContactStatus =
        c.phase === 'geplaatst' || c.phase === 'opleiden' ? 'aangenomen' : p.weighted([['contact_gelegd', 4], ['gesprek', 3], ['meeloopdag', 3], ['afgewezen', 1]]);
      contacts.push({
        id: contactId(c.id, p.hex(12)), type: CONTACT_TYPE, candidateId: c.id, organisationId: org.id, organisationName: org.name, region, status,
        date: isoDay(Math.max(Date.parse(c.createdAt), now - p.int(1, 90) * DAY)), createdAt: c.updatedAt, createdBy: c.owner, updatedAt: c.updatedAt, updatedBy: c.owner,
      });
    }
    if (!['geplaatst', 'gestopt'].includes(c.phase) && p.chance(0.12)) {
      const done = p.chance(0.3);
      const created = new Date(Math.max(Date.parse(c.createdAt), now - p.int(1, 30) * DAY)).toISOString();
      const assignee = p.chance(0.7) ? c.owner : p.one(owners);
      tasks.push({
        id: childIdOf(c.id, 't', p.hex(12)), type: TASK_TYPE, candidateId: c.id, region, title: p.one(TASK_TITLES), assignee,
        due: isoDay(now + p.int(-10, 21) * DAY), done,
        ...(done ? { doneAt: new Date(now - p.int(0, 5) * DAY).toISOString(), doneBy: assignee } : {}),
        createdAt: created, createdBy: c.owner, updatedAt: created, updatedBy: c.owner,
      });
    }
  }
  return { organisations, contacts, tasks };
}
