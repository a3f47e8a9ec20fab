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

export const email = z.email({ error: 'invalidEmail' }).max(254, { error: 'tooLong' });

/** A set of codes from a taxonomy: no duplicates, bounded. */
export const codeSet = <T extends [string, ...string[]]>(codes: T) =>
  z
    .array(z.enum(codes, { error: 'invalidChoice' }))
    .max(codes.length)
    .refine((xs) => new Set(xs).size === xs.length, { error: 'duplicate' });
