import { describe, expect, it } from 'vitest';
import { composeReport, EMPTY_REPORT, followUpTitle, isEmptyReport } from './conversationReport';

const heading = (p: string) => ({ reason: 'Aanleiding', discussed: 'Besproken', agreements: 'Afspraken', nextStep: 'Vervolgstap' })[p]!;

describe('conversation report', () => {
  it('puts the filled parts under their headings, in template order', () => {
    const text = composeReport({ ...EMPTY_REPORT, nextStep: ' Bellen met pabo ', reason: 'Vraag over zij-instroom' }, heading);
    expect(text).toBe('Aanleiding:\nVraag over zij-instroom\n\nVervolgstap:\nBellen met pabo');
  });

  it('knows an empty report, whitespace included', () => {
    expect(isEmptyReport(EMPTY_REPORT)).toBe(true);
    expect(isEmptyReport({ ...EMPTY_REPORT, discussed: '  \n ' })).toBe(true);
    expect(isEmptyReport({ ...EMPTY_REPORT, agreements: 'x' })).toBe(false);
  });

  it('makes a task title of the first line of the next step, at most 200 characters', () => {
    expect(followUpTitle('Meeloopdag regelen\nbij De Bron')).toBe('Meeloopdag regelen');
    expect(followUpTitle('x'.repeat(300))).toHaveLength(200);
  });
});
