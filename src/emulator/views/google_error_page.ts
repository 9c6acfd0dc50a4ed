import type { GoogleAuthError } from '../authorize/auth_error_wire.js';
import { escapeHtml, layout } from './html.js';

const GOOGLE_DOCS = 'https://developers.google.com/';

/**
 * Google's error page for a refused authorize request, as it reads: a heading, the description,
 * "Error 400: redirect_uri_mismatch", and the request details it echoes. Undefined `error`: an
 * authError the emulator cannot read.
 */
export function renderGoogleErrorPage(error: GoogleAuthError | undefined, flowName: string | undefined): string {
  if (!error) {
    return layout('Google: authorization error', `<h1>Google</h1>
<div class="error" role="alert"><p><strong>Error 400: invalid_request</strong></p><p>The error details could not be read.</p></div>`);
  }
  const details = [...error.requestDetails, ...(flowName === undefined ? [] : [['flowName', flowName] as const])];
  const detailsLine = details.map(([name, value]) => `${escapeHtml(name)}=${escapeHtml(value)}`).join(' ');
  // The emulator writes authError itself, but the page reads any one in its address: a crafted link
  // must not put a link of its own on a page the sandbox serves on fitgate's hosts.
  const help = error.helpUrl?.startsWith(GOOGLE_DOCS) ? `\n<p><a href="${escapeHtml(error.helpUrl)}">Related developer documentation</a></p>` : '';
  return layout(
    'Google: authorization error',
    `<h1>Access blocked: Authorization Error</h1>
<div class="error" role="alert">
<p><strong>Error ${error.status}: ${escapeHtml(error.code)}</strong></p>
<p>${escapeHtml(error.description)}</p>
${detailsLine === '' ? '' : `<p>Request details: ${detailsLine}</p>`}
</div>${help}`,
  );
}
