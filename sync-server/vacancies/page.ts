import { escapeHtml, FUNCTIONS, intakeSnippet, labelOf, ROUTES, SECTORS, SUBJECTS } from '../../src/shared';
import type { PublicVacancy } from './list';

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.rd-vacancy{border:1px solid #999;border-radius:6px;padding:1rem;margin:1rem 0}.rd-vacancy h2{margin:0 0 .25rem;font-size:1.25rem}
.rd-meta{color:#333;margin:.25rem 0}.rd-interest{display:inline-block;padding:.4rem 1.2rem;background:#0b5;color:#000;border:2px solid #063;border-radius:4px;text-decoration:none;font-weight:600}
label{display:block;font-weight:600}input[type=text],input[type=email],input[type=tel],textarea{width:100%;font:inherit;padding:.4rem;border:2px solid #555;border-radius:4px}
.rd-check{font-weight:400}.rd-error{color:#a00;display:block}fieldset{border:1px solid #999;margin:1rem 0}
button{font:inherit;padding:.5rem 1.5rem;background:#0b5;color:#000;border:2px solid #063;border-radius:4px}
:focus-visible{outline:3px solid #05f;outline-offset:2px}#rd-status:not(:empty){padding:.5rem;border:2px solid #063;margin:1rem 0}`;

function page(title: string, body: string, nonce: string, embed: boolean): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style>${embed ? '<base target="_top">' : ''}</head>
<body><main>${embed ? '' : `<h1>${escapeHtml(title)}</h1>`}
${body}
</main></body></html>`;
}

const dateNl = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function meta(v: PublicVacancy): string {
  const parts = [
    labelOf(FUNCTIONS, v.function),
    labelOf(SECTORS, v.sector),
    v.subjects.map((s) => labelOf(SUBJECTS, s)).join(', '),
    v.hoursPerWeek !== undefined ? `${v.hoursPerWeek} uur per week` : '',
    v.place ?? '',
    v.startDate ? `start ${dateNl(v.startDate)}` : '',
    v.closingDate ? `reageren tot ${dateNl(v.closingDate)}` : '',
  ].filter(Boolean);
  const routes = v.routes.length ? `<p class="rd-meta">Mogelijk via: ${escapeHtml(v.routes.map((r) => labelOf(ROUTES, r)).join(', '))}</p>` : '';
  return `<p class="rd-meta">${escapeHtml(parts.join(' · '))}</p>${routes}`;
}

export function interestPath(region: string, id: string): string {
  return `/vacatures/${encodeURIComponent(region)}/${encodeURIComponent(id)}/interesse`;
}

/** The region's public vacancy list: read-only, Dutch, one "Interesse" link per vacancy. */
export function listPage(region: string, regionName: string, list: readonly PublicVacancy[], nonce: string, embed: boolean): string {
  const items = list.length
    ? list
        .map(
          (v) => `<article class="rd-vacancy" data-vacancy="${escapeHtml(v.id)}"><h2>${escapeHtml(v.title)}</h2>
<p class="rd-meta"><strong>${escapeHtml(v.organisation)}</strong></p>${meta(v)}
${v.description ? `<p>${escapeHtml(v.description)}</p>` : ''}
<p><a class="rd-interest" href="${escapeHtml(interestPath(region, v.id))}">Interesse<span style="position:absolute;left:-10000px"> in ${escapeHtml(v.title)}</span></a></p></article>`,
        )
        .join('\n')
    : '<p>Er staan op dit moment geen vacatures open. Kijk later nog eens, of meld je aan bij het regioloket voor advies.</p>';
  return page(`Vacatures in het onderwijs: ${regionName}`, items, nonce, embed);
}

/**
 * The "Interesse" page: the vacancy and the region's own intake form (the same snippet the
 * website embeds), with the vacancy written into the motivation field so the advisor sees which
 * vacancy the person came for. The intake keeps no separate vacancy field (see README).
 */
export function interestPage(server: string, region: string, regionName: string, v: PublicVacancy, nonce: string): string {
  const prefill = `Interesse in vacature: ${v.title} bij ${v.organisation} (${v.id})\n`;
  const snippet = intakeSnippet({ server, region, regionName })
    .replace('<script>', `<script nonce="${nonce}">`)
    .replace(/(<textarea id="rd-message"[^>]*>)(<\/textarea>)/, `$1${escapeHtml(prefill)}$2`);
  const body = `<article class="rd-vacancy"><h2>${escapeHtml(v.title)}</h2><p class="rd-meta"><strong>${escapeHtml(v.organisation)}</strong></p>${meta(v)}</article>
<p>Laat je gegevens achter; een adviseur van ${escapeHtml(regionName)} neemt contact met je op over deze vacature.</p>
<p><a href="/vacatures/${encodeURIComponent(region)}">← Alle vacatures</a></p>
${snippet}`;
  return page(`Interesse in ${v.title}`, body, nonce, false);
}
