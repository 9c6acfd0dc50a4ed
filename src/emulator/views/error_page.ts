import { escapeHtml, layout } from './html.js';

/**
 * The upstream's own error page, shown instead of redirecting when the client or redirect_uri cannot
 * be trusted. Fitbit prints "<code> - <message>" (its spelling, e.g. "unauthorize_client"); Google
 * prints "Error 400: <code>".
 */
export function renderErrorPage(upstreamName: string, code: string, message: string): string {
  return layout(
    `${upstreamName}: authorization error`,
    `<h1>${escapeHtml(upstreamName)}</h1>
<div class="error" role="alert">
<p><strong>${escapeHtml(code)}</strong> - ${escapeHtml(message)}</p>
</div>
<p>The application sent an authorization request that cannot be completed. If you are the developer,
check its client id and redirect URI against the app's registration.</p>`,
  );
}
