import { z } from 'zod';

/**
 * Building blocks for document schemas. Error messages are i18n keys (see the renderer's
 * `validation.*` translations) so the client can show them next to the field in Dutch and the
 * server can name them in its `reason`.
 */
export const REGION_CODE = /^[a-z][a-z0-9-]{1,39}$/;

export const regionCode = z.string().regex(REGION_CODE, { error: 'invalidRegion' }).max(40);

export const id = z.string().min(1, { error: 'required' }).max(64, { error: 'tooLong' });

export const requiredText = (max: number) =>
  z.string().trim().min(1, { error: 'required' }).max(max, { error: 'tooLong' });

export const optionalText = (max: number) => z.string().max(max, { error: 'tooLong' }).optional();

export const isoDateTime = z.iso.datetime({ offset: true, error: 'invalidDateTime' }).max(40);

export const isoDate = z.iso.date({ error: 'invalidDate' }).max(10);

/** Dutch postcode, stored normalised as `1234 AB`. */
export const POSTCODE = /^[1-9][0-9]{3} [A-Z]{2}$/;
export const postcode = z.string().regex(POSTCODE, { error: 'invalidPostcode' }).max(7);

/** Digits with optional +, spaces, dashes and parentheses; 8 to 20 characters. */
export const PHONE = /^\+?[0-9 ()-]{8,20}$/;
export const phone = z.string().regex(PHONE, { error: 'invalidPhone' }).max(20);

/** A hybrid logical clock in its string form (src/shared/sync/hlc.ts, `formatHlc`). */
export const HLC = /^\d{15}-\d{5}-[A-Za-z0-9_]{1,24}$/;

/**
 * Per-field hybrid logical clocks (src/shared/sync/field-merge.ts): field name → clock, in the
 * compact form of src/shared/sync/field-clocks.ts, where the key `*` holds the clock of every
 * valued field not listed by name (the same record type: no schema version for it). A clock
 * must have the clock's form: compared as strings, a malformed one (`zzz`) would win every merge
 * on every replica forever. A refinement, not a regex, so the RxDB schema stays free of patterns.
 */
export const fieldClocks = z.record(
  z.string().max(40),
  z.string().max(64).refine((c) => HLC.test(c), { error: 'invalid' }),
);

export const email = z.email({ error: 'invalidEmail' }).max(254, { error: 'tooLong' });

/** A set of codes from a taxonomy: no duplicates, bounded. */
export const codeSet = <T extends [string, ...string[]]>(codes: T) =>
  z
    .array(z.enum(codes, { error: 'invalidChoice' }))
    .max(codes.length)
    .refine((xs) => new Set(xs).size === xs.length, { error: 'duplicate' });
