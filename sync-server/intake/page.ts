import { escapeHtml, intakeSnippet } from '../../src/shared/intake';

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;font-weight:600}input[type=text],input[type=email],input[type=tel],textarea{width:100%;font:inherit;padding:.4rem;border:2px solid #555;border-radius:4px}
.rd-check{font-weight:400}.rd-error{color:#a00;display:block}fieldset{border:1px solid #999;margin:1rem 0}
button{font:inherit;padding:.5rem 1.5rem;background:#0b5;color:#000;border:2px solid #063;border-radius:4px}
:focus-visible{outline:3px solid #05f;outline-offset:2px}#rd-status:not(:empty){padding:.5rem;border:2px solid #063;margin:1rem 0}`;

function page(title: string, body: string, nonce: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

/** The hosted form page: the same snippet websites embed, on a page of its own. */
export function formPage(server: string, region: string, regionName: string, nonce: string): string {
  const snippet = intakeSnippet({ server, region, regionName }).replace('<script>', `<script nonce="${nonce}">`);
  return page(`Aanmelden bij ${regionName}`, `<p>Wil je werken in het onderwijs? Laat je gegevens achter, dan neemt een adviseur van het regioloket contact met je op.</p>\n${snippet}`, nonce);
}

/** The answer to a plain form post (no JavaScript on the website): a page, not JSON. */
export function resultPage(ok: boolean, message: string, back: string | undefined, nonce: string): string {
  const link = back ? `<p><a href="${escapeHtml(back)}">Terug naar het formulier</a></p>` : '';
  return page(ok ? 'Aanmelding ontvangen' : 'Aanmelding niet verstuurd', `<p role="${ok ? 'status' : 'alert'}">${escapeHtml(message)}</p>${link}`, nonce);
}
