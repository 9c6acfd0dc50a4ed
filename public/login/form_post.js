// OAuth 2.0 Form Post Response Mode §2: the page submits its form to the application at once. An
// external file because the CSP forbids inline scripts; without scripts, the page's button does it.
'use strict';
/* global document -- a browser script; the lint config's globals are Node's */

const form = document.getElementById('form-post');
if (form) form.submit();
