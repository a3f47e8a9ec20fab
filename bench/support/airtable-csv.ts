/**
 * An Airtable-style export of the pilot base with `n` candidate rows (Dutch headers, phase names,
 * multiple selects with quoted commas, Dutch dates, phones as typed, notes on every fifth row),
 * all distinct people: every row is imported. Used by bench:import.
 */
const PHASES = ['nieuw', 'oriënteren', 'voorbereiden', 'matchen'];
const SECTORS = ['Primair onderwijs', 'Voortgezet onderwijs', '"Voortgezet onderwijs, Praktijkonderwijs"', 'Middelbaar beroepsonderwijs'];
const FUNCTIONS = ['Docent / leraar', 'Ondersteuning', 'OOP', 'Instructeur (mbo)'];
const PLACES = ['Enschede', 'Hengelo', 'Almelo', 'Oldenzaal', 'Hilversum'];

export function airtableCsv(n: number): string {
  const lines = ['Naam,Fase,Sector voorkeur,Functie voorkeur,Plaatsnaam,Email,Telefoon,Postcode,Geboortedatum,Notities'];
  for (let i = 0; i < n; i++) {
    const d = String((i % 28) + 1).padStart(2, '0');
    const m = String((i % 12) + 1).padStart(2, '0');
    lines.push(
      [
        `Voornaam${i} van Achternaam${i}`, PHASES[i % 4], SECTORS[i % 4], FUNCTIONS[i % 4], PLACES[i % 5], `kandidaat${i}@voorbeeld.nl`,
        `06-${String(10_000_000 + i)}`, `${1000 + (i % 8999)}ab`, `${d}-${m}-${1960 + (i % 40)}`, i % 5 === 0 ? `"Gesprek gehad op ${d}/${m}/24, wil ${FUNCTIONS[i % 4]} worden"` : '',
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
