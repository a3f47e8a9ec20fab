/**
 * Consent (AVG) in one place: the texts people agree to, their versions, the purpose and the
 * channel through which consent was given. Every intake path (advisor's form, event mode, website
 * form, import) records consent through `giveConsent`, so a privacy officer can always tell which
 * exact text a person agreed to, when and how. A text is never edited: a changed text gets a new
 * version, and old versions stay here because stored consents point at them.
 */

export const CONSENT_CHANNELS = ['form', 'event', 'website', 'import'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** What the data are used for, stored with every consent. */
export const CONSENT_PURPOSE =
  'Bewaren en gebruiken van de gegevens om de persoon te begeleiden naar werk in het onderwijs, door het regioloket en de regioloketten waaraan de persoon is gekoppeld.';

export interface ConsentText {
  channel: ConsentChannel;
  /** The Dutch text shown to the person (the legally relevant wording). */
  text: string;
}

export const CONSENT_TEXTS: Readonly<Record<string, ConsentText>> = {
  'intake-2026-1': {
    channel: 'form',
    text: 'De kandidaat geeft toestemming om deze gegevens te bewaren en te gebruiken om hem of haar te begeleiden naar werk in het onderwijs. De gegevens worden gedeeld met de regioloketten waaraan de kandidaat is gekoppeld en worden verwijderd wanneer ze niet meer nodig zijn of op verzoek.',
  },
  'event-2026-1': {
    channel: 'event',
    text: 'De persoon geeft het regioloket toestemming de gegevens te bewaren en te gebruiken om contact op te nemen over werken in het onderwijs; intrekken kan altijd.',
  },
  'website-2026-1': {
    channel: 'website',
    text: 'Ik geef het regioloket toestemming mijn gegevens te bewaren en te gebruiken om contact met mij op te nemen over werken in het onderwijs. Ik kan deze toestemming altijd intrekken en vragen mijn gegevens te verwijderen.',
  },
  'import-2026-1': {
    channel: 'import',
    text: 'Toestemming zoals vastgelegd in de bron van het importbestand (kolom toestemming); de tekst waarmee die toestemming is gevraagd staat in die bron.',
  },
};

/** The version each channel records today. */
export const CURRENT_CONSENT_VERSION: Readonly<Record<ConsentChannel, string>> = {
  form: 'intake-2026-1',
  event: 'event-2026-1',
  website: 'website-2026-1',
  import: 'import-2026-1',
};

/** The text of the current version for a channel. */
export function currentConsentText(channel: ConsentChannel): string {
  return CONSENT_TEXTS[CURRENT_CONSENT_VERSION[channel]]!.text;
}

/** The shape stored on a candidate (candidate.ts validates it). */
export interface ConsentRecord {
  given: boolean;
  purpose?: string;
  date?: string;
  version?: string;
  channel?: ConsentChannel;
  /** When the person withdrew consent; erasure follows. */
  withdrawnAt?: string;
  withdrawnBy?: string;
  /** 'requested': the server accepted the erasure; 'pending': it still has to (no right, offline). */
  erasure?: 'pending' | 'requested';
}

/** Consent given now, through `channel`, for the current text (or the version the form showed). */
export function giveConsent(channel: ConsentChannel, date: string, version: string = CURRENT_CONSENT_VERSION[channel]): ConsentRecord {
  return { given: true, purpose: CONSENT_PURPOSE, date: date.slice(0, 10), version, channel };
}

export type ConsentStatus = 'valid' | 'missing' | 'incomplete' | 'withdrawn';

/**
 * Valid means: given, not withdrawn, dated, and for a text version we know. Older records
 * without a version or date (before consent was tracked this way) are 'incomplete' and flagged,
 * so an advisor asks again.
 */
export function consentStatus(consent: ConsentRecord | undefined): ConsentStatus {
  if (!consent) return 'missing';
  if (consent.withdrawnAt) return 'withdrawn';
  if (!consent.given) return 'missing';
  if (!consent.date || !consent.version || !(consent.version in CONSENT_TEXTS)) return 'incomplete';
  return 'valid';
}

/** Records a withdrawal; the text version, purpose and original date stay as evidence. */
export function withdrawConsent(consent: ConsentRecord, at: string, by: string): ConsentRecord {
  return { ...consent, given: false, withdrawnAt: at, withdrawnBy: by.slice(0, 100), erasure: 'pending' };
}
