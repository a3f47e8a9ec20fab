import { fieldOf, type Candidate, type ExportColumn, type Locale, type ViewFieldKey } from '../../../shared';
import { cellText } from '../candidates/cells';

/** The view's columns as export columns: the same texts the list shows, dates typed as dates. */
export function candidateColumns(fields: readonly ViewFieldKey[], locale: Locale, header: (f: ViewFieldKey) => string): ExportColumn<Candidate>[] {
  return fields.map((f) => {
    const isDate = fieldOf(f)?.kind === 'date';
    return {
      key: f,
      header: header(f),
      type: isDate ? 'date' : 'text',
      // Dates as ISO in the model (XLSX writes real dates from them; CSV shows them as-is, sortable).
      value: (c: Candidate) => (isDate ? String((c as unknown as Record<string, unknown>)[f] ?? '') : cellText(c, f, locale)),
    };
  });
}
