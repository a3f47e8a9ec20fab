import { currentConsentText, CURRENT_CONSENT_VERSION } from '../consent';
import { FUNCTIONS, SECTORS, SUBJECTS, type Term } from '../taxonomy';
import { INTAKE_HONEYPOT } from './fields';

/** The consent text websites show, and its version, recorded with every submission. */
export const INTAKE_CONSENT_VERSION = CURRENT_CONSENT_VERSION.website;
export const INTAKE_CONSENT_TEXT = currentConsentText('website');

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface SnippetOptions {
  /** The sync server's public address, e.g. https://regiodesk.example.nl (no trailing slash). */
  server: string;
  region: string;
  regionName: string;
}

function checks(name: string, terms: readonly Term[]): string {
  return terms
    .map((t) => `<label class="rd-check"><input type="checkbox" name="${name}" value="${escapeHtml(t.code)}"> ${escapeHtml(t.label.nl)}</label>`)
    .join('\n      ');
}

/**
 * A copy-paste HTML form with a small script: no framework, works without JavaScript too (the
 * server then answers with a page), labels on every field, errors next to the field and a
 * confirmation announced to screen readers. Used by the hosted page and shown in the app.
 */
export function intakeSnippet(o: SnippetOptions): string {
  const action = `${o.server.replace(/\/+$/, '')}/intake/${encodeURIComponent(o.region)}`;
  const f = (name: string, label: string, type: string, extra = '') =>
    `<p class="rd-field"><label for="rd-${name}">${label}</label>
    <input id="rd-${name}" name="${name}" type="${type}" aria-describedby="rd-${name}-error"${extra}>
    <span id="rd-${name}-error" class="rd-error" data-error-for="${name}"></span></p>`;
  return `<!-- Regiodesk aanmeldformulier: ${escapeHtml(o.regionName)} -->
<form id="rd-intake" class="rd-intake" action="${escapeHtml(action)}" method="post" novalidate>
  <div id="rd-status" role="status" aria-live="polite" tabindex="-1"></div>
  ${f('firstName', 'Voornaam (verplicht)', 'text', ' required autocomplete="given-name" maxlength="100"')}
  ${f('lastName', 'Achternaam (verplicht)', 'text', ' required autocomplete="family-name" maxlength="100"')}
  ${f('email', 'E-mail', 'email', ' autocomplete="email" maxlength="254"')}
  ${f('phone', 'Telefoon', 'tel', ' autocomplete="tel" maxlength="20"')}
  ${f('postcode', 'Postcode', 'text', ' autocomplete="postal-code" maxlength="7"')}
  ${f('place', 'Woonplaats', 'text', ' autocomplete="address-level2" maxlength="100"')}
  <fieldset><legend>In welke sector wil je werken?</legend>
      ${checks('sectors', SECTORS)}
    <span class="rd-error" data-error-for="sectors"></span></fieldset>
  <fieldset><legend>Welke functie spreekt je aan?</legend>
      ${checks('functions', FUNCTIONS)}
    <span class="rd-error" data-error-for="functions"></span></fieldset>
  <details><summary>Vakken waarin je les wilt geven</summary><fieldset><legend>Vakken</legend>
      ${checks('subjects', SUBJECTS)}
    </fieldset></details>
  <p class="rd-field"><label for="rd-message">Je vraag of motivatie</label>
    <textarea id="rd-message" name="message" rows="4" maxlength="5000" aria-describedby="rd-message-error"></textarea>
    <span id="rd-message-error" class="rd-error" data-error-for="message"></span></p>
  <p class="rd-hp" aria-hidden="true" style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden">
    <label for="rd-${INTAKE_HONEYPOT}">Laat dit veld leeg</label>
    <input id="rd-${INTAKE_HONEYPOT}" name="${INTAKE_HONEYPOT}" type="text" tabindex="-1" autocomplete="off"></p>
  <input type="hidden" name="consentVersion" value="${INTAKE_CONSENT_VERSION}">
  <p class="rd-field"><input id="rd-consent" name="consent" type="checkbox" required aria-describedby="rd-consent-error">
    <label for="rd-consent">${escapeHtml(INTAKE_CONSENT_TEXT)} (verplicht)</label>
    <span id="rd-consent-error" class="rd-error" data-error-for="consent"></span></p>
  <button type="submit">Versturen</button>
</form>
<script>
(function () {
  var form = document.getElementById('rd-intake');
  var status = document.getElementById('rd-status');
  var messages = { required: 'Dit veld is verplicht.', invalidEmail: 'Vul een geldig e-mailadres in.',
    invalidPhone: 'Vul een geldig telefoonnummer in.', invalidPostcode: 'Vul een postcode in zoals 1234 AB.',
    tooLong: 'Dit is te lang.', invalidChoice: 'Kies uit de lijst.', invalidType: 'Deze invoer klopt niet.',
    consentRequired: 'Geef toestemming om je aanmelding te kunnen versturen.' };
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var button = form.querySelector('button[type=submit]');
    Array.prototype.forEach.call(form.querySelectorAll('[data-error-for]'), function (el) { el.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) { el.removeAttribute('aria-invalid'); });
    status.textContent = 'Bezig met versturen…';
    button.disabled = true;
    fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
      .then(function (res) {
        button.disabled = false;
        if (res.status >= 200 && res.status < 300) {
          form.reset();
          status.textContent = 'Bedankt! Je aanmelding is ontvangen. Een adviseur van het regioloket neemt contact met je op.';
          status.focus();
          return;
        }
        var errors = (res.body && res.body.errors) || {};
        var first = null;
        Object.keys(errors).forEach(function (name) {
          var slot = form.querySelector('[data-error-for="' + name + '"]');
          if (slot) slot.textContent = messages[errors[name]] || messages.invalidType;
          var input = form.querySelector('[name="' + name + '"]');
          if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
        });
        status.textContent = res.status === 429 ? 'Er zijn net te veel aanmeldingen verstuurd. Probeer het over een minuut opnieuw.'
          : Object.keys(errors).length ? 'Controleer de gemarkeerde velden.' : 'Versturen is niet gelukt: ' + ((res.body && res.body.reason) || res.status);
        if (first) first.focus(); else status.focus();
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = 'Versturen is niet gelukt: geen verbinding. Je invoer staat er nog; probeer het opnieuw.';
        status.focus();
      });
  });
})();
</script>`;
}
