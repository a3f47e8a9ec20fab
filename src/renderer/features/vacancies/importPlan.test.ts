import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../shared/import/parse';
import { planVacancyImport } from './importPlan';

let n = 0;
const ctx = { region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z', newId: () => `x${String(++n).padStart(6, '0')}` };

describe('vacancy import plan', () => {
  it('reads Dutch headers, labels and dates, links known organisations and makes new ones once', () => {
    const csv = [
      'Titel;School;Functie;Sector;Vakken;FTE;Postcode;Startdatum;Sluitingsdatum;Routes;Openbaar;Contactpersoon;E-mail',
      'Docent wiskunde;Het Lyceum;Docent / leraar;Voortgezet onderwijs;wiskunde, Natuurkunde;0,8;7511ab;1-2-2027;15-01-2027;Zij-instroom;ja;Henk;h@lyceum.example',
      'Leerkracht groep 5;OBS De Es;docent;po;Groepsleerkracht (po);;7522 AA;2027-03-01;;zij-instroom;nee;;',
      'Conciërge;OBS De Es;oop;po;;;;;;;ja;;',
      ';Nieuwe School;docent;vo;;;;;;;;;',
      'Docent Klingons;Het Lyceum;docent;vo;klingon;;1234;31-02-2027;;;misschien;;',
    ].join('\n');
    const plan = planVacancyImport(parseCsvText(csv), [{ id: 'org-lyceum', name: 'Het Lyceum' }], ctx);
    expect(plan.rows.map((r) => [r.line, r.status])).toEqual([[2, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'rejected'], [6, 'rejected']]);
    expect(plan.rows[0]!.vacancy).toMatchObject({
      title: 'Docent wiskunde', organisationId: 'org-lyceum', organisationName: 'Het Lyceum', function: 'docent', sector: 'vo', subjects: ['wiskunde', 'natuurkunde'],
      hoursPerWeek: 32, postcode: '7511 AB', startDate: '2027-02-01', closingDate: '2027-01-15', routes: ['zij_instroom'], public: true, contactEmail: 'h@lyceum.example', region: 'twente',
    });
    expect(plan.rows[1]!.vacancy).toMatchObject({ sector: 'po', subjects: ['groepsleerkracht'], public: false });
    // One new organisation for both De Es rows; none for the refused row's school.
    expect(plan.organisations.map((o) => o.name)).toEqual(['OBS De Es']);
    expect(plan.rows[2]!.vacancy!.organisationId).toBe(plan.organisations[0]!.id);
    expect(plan.rows[3]!.errors).toMatchObject({ title: 'required' });
    expect(plan.rows[4]!.errors).toMatchObject({ subjects: 'invalidChoice', startDate: 'invalidDate', postcode: 'invalidPostcode', public: 'invalidChoice' });
  });

  it('refuses a row without organisation, naming the column', () => {
    const plan = planVacancyImport(parseCsvText('Titel,Sector\nDocent,vo'), [], ctx);
    expect(plan.rows[0]).toMatchObject({ status: 'rejected', errors: { organisation: 'required' } });
  });
});
