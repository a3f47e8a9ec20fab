import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorNotice, SuccessNotice } from './Notice';

describe('notices', () => {
  it('shows nothing without text', () => {
    expect(renderToStaticMarkup(<ErrorNotice text={null} />)).toBe('');
    expect(renderToStaticMarkup(<SuccessNotice text="" />)).toBe('');
  });
  it('reads an error out at once and a success politely', () => {
    expect(renderToStaticMarkup(<ErrorNotice text="Mislukt" />)).toBe('<p class="notice notice--error" role="alert">Mislukt</p>');
    expect(renderToStaticMarkup(<SuccessNotice text="Opgeslagen" />)).toBe('<p class="notice notice--success" aria-live="polite">Opgeslagen</p>');
  });
});
