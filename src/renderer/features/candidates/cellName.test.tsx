import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../../shared';
import { Cell } from './cells';

describe('the name cell', () => {
  it('keeps the website badge out of the link, whose name stays the person’s name', () => {
    const c = {
      ...newCandidate({ firstName: 'Esther', lastName: 'van den Berg', regions: ['twente'], ownerRegion: 'twente' }, { id: 'c1', user: 'anna', now: '2026-11-01T10:00:00.000Z' }),
      source: 'website',
      phase: 'nieuw',
    } as Candidate;
    const html = renderToStaticMarkup(<>{Cell({ c, field: 'name', locale: 'nl' })}</>);
    expect(html).toContain('class="badge"'); // the badge is there
    const link = /<a [^>]*>(.*?)<\/a>/.exec(html)?.[1] ?? '';
    expect(link.replace(/<!-- -->/g, '')).toBe('Esther van den Berg');
  });
});
