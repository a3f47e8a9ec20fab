/**
 * Search normalisation: what a person types and what is stored meet in one form. Accents go
 * (`Bülent` → `bulent`, `Oriënteren` → `orienteren`), case goes, and ligatures and the Dutch
 * `ij` stay letters, so `Bulent` finds `Bülent` and `ZOË` finds `Zoë`.
 */
export function foldText(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[ı]/g, 'i')
    .replace(/[ł]/g, 'l')
    .toLowerCase();
}

/** Only the digits of a phone number, with a Dutch +31 turned into the 0 people type. */
export function phoneDigits(raw: string): string {
  const digits = raw.replace(/\D+/g, '');
  return digits.startsWith('31') && raw.trim().startsWith('+') ? `0${digits.slice(2)}` : digits;
}

/** Splits folded text into words for indexing and querying (e-mail parts and postcodes too). */
export function searchTokens(raw: string): string[] {
  return foldText(raw)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}
