import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field, SelectField, TextField } from './fields';

const noop = () => undefined;

/** The shared fields are what every form's error messages hang on: the ties must be there. */
describe('shared form fields', () => {
  it('ties a text field to its hint and error, and marks it invalid only with an error', () => {
    const ok = renderToStaticMarkup(<TextField id="f-title" name="title" label="Titel" value="x" onChange={noop} hint="kort" />);
    expect(ok).toContain('<label for="f-title">Titel</label>');
    expect(ok).toContain('aria-describedby="f-title-hint"');
    expect(ok).not.toContain('aria-invalid');
    expect(ok).not.toContain('field--invalid');

    const bad = renderToStaticMarkup(<TextField id="f-title" name="title" label="Titel" value="" onChange={noop} hint="kort" error="Verplicht" required />);
    expect(bad).toContain('class="field field--invalid"');
    expect(bad).toContain('aria-invalid="true"');
    expect(bad).toContain('aria-required="true"');
    expect(bad).toContain('aria-describedby="f-title-error f-title-hint"');
    expect(bad).toContain('<p id="f-title-error" class="field-error">Verplicht</p>');
  });

  it('renders a multiline field as a wide textarea with its rows, and keeps extra describers', () => {
    const html = renderToStaticMarkup(<TextField id="n" name="text" label="Tekst" value="" onChange={noop} multiline rows={2} describedBy="shared-hint" hidden />);
    expect(html).toMatch(/^<div class="field field--wide" hidden="">/);
    expect(html).toContain('<textarea rows="2"');
    expect(html).toContain('aria-describedby="shared-hint"');
  });

  it('offers a datalist and announces an error at once when asked', () => {
    const html = renderToStaticMarkup(<TextField id="a" name="assignee" label="Voor" value="" onChange={noop} list="people" error="Onbekend" alertError />);
    expect(html).toContain('list="people"');
    expect(html).toContain('<p id="a-error" class="field-error" role="alert">Onbekend</p>');
  });

  it('lists plain options after the empty choice, or taxonomy terms by their label', () => {
    const plain = renderToStaticMarkup(
      <SelectField id="s" name="kind" label="Soort" value="b" onChange={noop} emptyLabel="Kies" options={[{ value: 'a', label: 'Aap' }, { value: 'b', label: 'Beer' }]} />,
    );
    expect(plain).toContain('<option value="">Kies</option><option value="a">Aap</option><option value="b" selected="">Beer</option>');
    const terms = renderToStaticMarkup(<SelectField id="t" name="t" label="T" value="po" onChange={noop} terms={[{ code: 'po', label: { nl: 'Primair', en: 'Primary' } }]} />);
    expect(terms).toContain('<option value="po" selected="">Primair</option>');
  });

  it('gives a control of its own the same label, error and aria ties', () => {
    const html = renderToStaticMarkup(
      <Field id="org" label="Organisatie" error="Verplicht">
        {(aria) => <input {...aria} data-own="yes" />}
      </Field>,
    );
    expect(html).toContain('<label for="org">Organisatie</label>');
    expect(html).toContain('id="org" aria-invalid="true" aria-describedby="org-error" data-own="yes"');
    expect(html).toContain('<p id="org-error" class="field-error">Verplicht</p>');
  });
});
