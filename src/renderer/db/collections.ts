import type { RxCollection, RxCollectionCreator, RxJsonSchema } from 'rxdb';
import { candidateMigrations, candidateRxSchema, type Candidate } from '../../shared';
import { activityMigrations, activityRxSchema, registrationMigrations, registrationRxSchema, type Activity, type Registration } from '../../shared';
import {
  contactMigrations, contactRxSchema, organisationMigrations, organisationRxSchema, savedViewMigrations, savedViewRxSchema, taskMigrations, taskRxSchema,
  type Contact, type Organisation, type SavedView, type Task,
} from '../../shared';
import { noteMigrations, noteRxSchema, referralMigrations, referralRxSchema, type Note, type Referral } from '../../shared';
import { personMigrations, personRxSchema, type Person } from '../../shared';
import { matchMigrations, matchRxSchema, vacancyMigrations, vacancyRxSchema, type Match, type Vacancy } from '../../shared';
import { mergingConflictHandler } from './conflict';

/**
 * Every local collection, one per kind of record, each holding all of the user's regions.
 * RxDB's open-source edition allows 13 open collections per process: keep this list short and
 * add a kind here only when it cannot be a field or a variant of an existing one.
 */
export type CandidateCollection = RxCollection<Candidate>;

export type RegiodeskCollections = {
  candidates: CandidateCollection;
  activities: RxCollection<Activity>;
  registrations: RxCollection<Registration>;
  tasks: RxCollection<Task>;
  contacts: RxCollection<Contact>;
  organisations: RxCollection<Organisation>;
  savedViews: RxCollection<SavedView>;
  /** Shared notes and region comments (`visibility`), one collection for both. */
  notes: RxCollection<Note>;
  referrals: RxCollection<Referral>;
  vacancies: RxCollection<Vacancy>;
  matches: RxCollection<Match>;
  /** Contact persons at organisations (the network). */
  people: RxCollection<Person>;
};

export const candidateConflictHandler = mergingConflictHandler<Candidate>();

export const COLLECTIONS: { [K in keyof RegiodeskCollections]: RxCollectionCreator } = {
  candidates: {
    schema: candidateRxSchema as unknown as RxJsonSchema<Candidate>,
    migrationStrategies: candidateMigrations,
    conflictHandler: candidateConflictHandler,
  },
  activities: { schema: activityRxSchema as unknown as RxJsonSchema<Activity>, migrationStrategies: activityMigrations, conflictHandler: mergingConflictHandler<Activity>() },
  registrations: { schema: registrationRxSchema as unknown as RxJsonSchema<Registration>, migrationStrategies: registrationMigrations, conflictHandler: mergingConflictHandler<Registration>() },
  tasks: { schema: taskRxSchema as unknown as RxJsonSchema<Task>, migrationStrategies: taskMigrations, conflictHandler: mergingConflictHandler<Task>() },
  contacts: { schema: contactRxSchema as unknown as RxJsonSchema<Contact>, migrationStrategies: contactMigrations, conflictHandler: mergingConflictHandler<Contact>() },
  organisations: { schema: organisationRxSchema as unknown as RxJsonSchema<Organisation>, migrationStrategies: organisationMigrations, conflictHandler: mergingConflictHandler<Organisation>() },
  savedViews: { schema: savedViewRxSchema as unknown as RxJsonSchema<SavedView>, migrationStrategies: savedViewMigrations, conflictHandler: mergingConflictHandler<SavedView>() },
  notes: { schema: noteRxSchema as unknown as RxJsonSchema<Note>, migrationStrategies: noteMigrations, conflictHandler: mergingConflictHandler<Note>() },
  referrals: { schema: referralRxSchema as unknown as RxJsonSchema<Referral>, migrationStrategies: referralMigrations, conflictHandler: mergingConflictHandler<Referral>() },
  vacancies: { schema: vacancyRxSchema as unknown as RxJsonSchema<Vacancy>, migrationStrategies: vacancyMigrations, conflictHandler: mergingConflictHandler<Vacancy>() },
  matches: { schema: matchRxSchema as unknown as RxJsonSchema<Match>, migrationStrategies: matchMigrations, conflictHandler: mergingConflictHandler<Match>() },
  people: { schema: personRxSchema as unknown as RxJsonSchema<Person>, migrationStrategies: personMigrations, conflictHandler: mergingConflictHandler<Person>() },
};

export const MAX_COLLECTIONS = 13;
