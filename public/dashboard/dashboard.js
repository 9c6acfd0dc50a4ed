// Progressive enhancements for the dashboard. Every page works without this file: forms post
// normally. Loaded as an external file because the CSP forbids inline scripts.
'use strict';
/* global document, navigator, Element, HTMLInputElement -- a browser script; the lint config's globals are Node's */

document.documentElement.classList.add('js');

// Copy buttons: <button data-copy-target="ID"> copies the text of the element with that id.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy-target]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy-target'));
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(
    () => announce(button, 'Copied'),
    () => announce(button, 'Copy failed: select the text and copy it by hand'),
  );
});

function announce(button, text) {
  const status = document.getElementById(button.getAttribute('data-copy-status'));
  if (status) status.textContent = text;
}

// Toggles saved at once: a checkbox inside form.toggle-form submits its own small form (with the
// CSRF token already in it) as soon as it changes. Without JavaScript the form's Save button does it.
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'checkbox') return;
  const form = input.closest('form.toggle-form');
  if (form) form.requestSubmit();
});

// The connection settings: choosing Google Health or legacy Fitbit shows that mode's hints at once,
// before saving. Without JavaScript every hint is shown, each labelled with its mode.
function showHintsFor(form) {
  const checked = form.querySelector('input[name="api"]:checked');
  if (!checked) return;
  form.setAttribute('data-api', checked.value);
  for (const hint of form.querySelectorAll('[data-api-hint]')) hint.hidden = hint.getAttribute('data-api-hint') !== checked.value;
}
for (const form of document.querySelectorAll('form.api-form')) showHintsFor(form);
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.name !== 'api') return;
  const form = input.closest('form.api-form');
  if (form) showHintsFor(form);
});
