// Progressive enhancements for the dashboard. Every page works without this file: forms post
// normally. Loaded as an external file because the CSP forbids inline scripts.
'use strict';
/* global document, window, navigator, setTimeout, Element, HTMLElement, HTMLFormElement, HTMLInputElement, fetch, FormData, URLSearchParams -- a browser script; the lint config's globals are Node's */

document.documentElement.classList.add('js');

// Copy buttons: <button data-copy-target="ID"> copies the text of the element with that id. They are
// rendered hidden (without this file they could do nothing) and shown here. Where the clipboard API
// is missing (a page over plain http on a host other than localhost) or refuses, the text is selected
// and copied the old way, or left selected for the admin to copy by hand.
for (const button of document.querySelectorAll('[data-copy-target][hidden]')) button.hidden = false;

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy-target]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy-target'));
  if (!source) return;
  const byHand = () => announce(button, selectAndCopy(source) ? 'Copied' : 'Selected: press Ctrl+C (⌘C) to copy');
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    byHand();
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(() => announce(button, 'Copied'), byHand);
});

/** Selects the text of `source` and asks the browser to copy the selection; whether it did. */
function selectAndCopy(source) {
  const selection = document.getSelection();
  if (!selection) return false;
  selection.selectAllChildren(source);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

function announce(button, text) {
  const status = document.getElementById(button.getAttribute('data-copy-status'));
  if (status) status.textContent = text;
}

// Switches saved at once: a checkbox inside form.toggle-form posts its own small form (with the
// CSRF token already in it) in the background as soon as it changes, and the answer's sentence is
// read out from the switch's status line. If saving fails, the switch goes back and says so.
// Without JavaScript the form's Save button posts it and the page comes back with the same sentence.
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'checkbox') return;
  const form = input.closest('form.toggle-form');
  if (form) saveToggle(form, input);
});

function saveToggle(form, input) {
  const status = form.querySelector('.toggle-status');
  const show = (text) => {
    if (status) status.textContent = text;
  };
  // Read before disabling: a disabled checkbox is left out of the form's data.
  const body = new URLSearchParams(new FormData(form));
  input.disabled = true;
  show('Saving…');
  fetch(form.action, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
    credentials: 'same-origin',
  })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((answer) => {
      input.checked = answer.enabled;
      show(answer.message);
    })
    .catch(() => {
      input.checked = !input.checked;
      show('Not saved: reload the page and try again.');
    })
    .finally(() => {
      input.disabled = false;
      input.focus();
    });
}

// A form is sent once: its buttons are disabled after the first press, so a double click on Create
// posts it once. The server makes one record all the same (src/dashboard/form_once.ts); this spares
// the second post. They are disabled just after the browser read the form, so the pressed button's
// own name and value (Try's) are still sent, and enabled again when Back shows the page from the
// browser's cache. A form another handler stopped (preventDefault) is left alone.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== 'post' || event.defaultPrevented) return;
  if (form.hasAttribute('data-sent')) {
    event.preventDefault();
    return;
  }
  form.setAttribute('data-sent', '');
  setTimeout(() => {
    for (const button of form.querySelectorAll('button:not([type="button"]):not(:disabled)')) {
      button.disabled = true;
      button.setAttribute('data-sent-disabled', '');
    }
  });
});
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  for (const form of document.querySelectorAll('form[data-sent]')) form.removeAttribute('data-sent');
  for (const button of document.querySelectorAll('[data-sent-disabled]')) {
    button.disabled = false;
    button.removeAttribute('data-sent-disabled');
  }
});

// "Select all" / "Select none" (data-tick) tick or untick every box of their form in place, and say
// so in the form's status line; nothing is saved until the form is. Without JavaScript they are
// links that reload the page with the boxes ticked so; with it they become buttons, which is what
// they do then (read out as buttons, pressed with Space as well as Enter).
for (const link of document.querySelectorAll('a[data-tick]')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  button.textContent = link.textContent;
  for (const name of ['data-tick', 'data-tick-said']) button.setAttribute(name, link.getAttribute(name) ?? '');
  link.replaceWith(button);
}
document.addEventListener('click', (event) => {
  const control = event.target instanceof Element ? event.target.closest('button[data-tick]') : null;
  const form = control ? control.closest('form') : null;
  if (!form) return;
  const all = control.getAttribute('data-tick') === 'all';
  for (const box of form.querySelectorAll('input[type="checkbox"]')) box.checked = all;
  const status = form.querySelector('[data-tick-status]');
  if (status) status.textContent = control.getAttribute('data-tick-said');
});

// The connection settings: choosing one of the plugin's APIs (modes) shows that mode's hints at once,
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

// A form refused by the server comes back with its fields marked aria-invalid: focus the first, so a
// keyboard or screen-reader user lands on the problem (its error is in the field's description)
// rather than at the top of the page. Otherwise a page that opens with a message (a confirmation
// after a save, which the redirect put on a new page where a live region is not announced, or an
// error without a field) gets the focus on that message, so it is read out first. A page with neither
// keeps the browser's own focus.
const firstInvalid = document.querySelector('form [aria-invalid="true"]');
const message = document.querySelector('main .flash, main .panel.error, main .panel[role="status"]');
if (firstInvalid instanceof HTMLElement) {
  firstInvalid.focus();
} else if (message instanceof HTMLElement) {
  if (!message.hasAttribute('tabindex')) message.setAttribute('tabindex', '-1');
  message.focus();
}
