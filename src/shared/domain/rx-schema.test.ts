import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { candidateRxSchema, CANDIDATE_SCHEMA_VERSION } from './candidate.collection';
import { toRxSchema } from './rx-schema';

describe('RxDB schema from zod', () => {
  it('describes every candidate field with the primary key and version', () => {
    expect(candidateRxSchema.primaryKey).toBe('id');
    expect(candidateRxSchema.version).toBe(CANDIDATE_SCHEMA_VERSION);
    expect(Object.keys(candidateRxSchema.properties)).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'phase', 'sectors', 'functions', 'subjects', 'consent', 'regions', 'ownerRegion']),
    );
    expect(candidateRxSchema.required).toEqual(expect.arrayContaining(['id', 'firstName', 'phase', 'regions']));
    expect(candidateRxSchema.required).not.toContain('email');
  });

  it('gives enums a maxLength so RxDB can index them, and drops zod-only keywords', () => {
    expect(candidateRxSchema.properties.phase?.maxLength).toBe('voorbereiden'.length);
    expect(JSON.stringify(candidateRxSchema)).not.toMatch(/"(format|pattern|\$schema)"/);
  });

  it('refuses an index on an optional or unbounded field', () => {
    const s = z.object({ id: z.string().max(10), note: z.string().optional(), free: z.string() });
    expect(() => toRxSchema(s, { title: 't', version: 0, primaryKey: 'id', indexes: ['note'] })).toThrow(/must be required/);
    expect(() => toRxSchema(s, { title: 't', version: 0, primaryKey: 'id', indexes: ['free'] })).toThrow(/maximum length/);
    expect(() => toRxSchema(s, { title: 't', version: 0, primaryKey: 'id', indexes: ['nope'] })).toThrow(/not in the schema/);
  });
});
