/**
 * The public intake API: the fields a region's website may send to `POST /intake/<region>`.
 * This list is a documented contract with websites we do not control: add fields, never rename.
 */
export const INTAKE_TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'postcode', 'place', 'message', 'consentVersion'] as const;
export const INTAKE_LIST_FIELDS = ['sectors', 'functions', 'subjects'] as const;
export const INTAKE_FIELDS = [...INTAKE_TEXT_FIELDS, ...INTAKE_LIST_FIELDS, 'consent'] as const;

export type IntakeField = (typeof INTAKE_FIELDS)[number];

/**
 * A field people never see (hidden with CSS, skipped by assistive technology and autofill);
 * bots that fill every input give themselves away. A filled honeypot is answered like a success
 * and stored nowhere.
 */
export const INTAKE_HONEYPOT = 'homepage';

/** Values of `consent` that mean yes: JSON `true`, `"true"`, or a checked checkbox (`on`). */
export const CONSENT_YES: readonly unknown[] = [true, 'true', 'on'];

/** The user recorded as creator and owner of a website submission until an advisor takes it. */
export const INTAKE_USER = 'website';

/** Longest accepted raw value of one text field; the schema's own limits are lower. */
export const INTAKE_MAX_FIELD = 10_000;
