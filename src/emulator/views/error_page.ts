import { escapeHtml, layout } from './html.js';

/**
 * The upstream's own error page, shown instead of redirecting when the client or redirect_uri cannot
 * be trusted. Fitbit prints "<code> - <message>" (its spelling, e.g. "unauthorize_client"); Google
 * prints "Error 400: <code>".
 */
export function renderErrorPage(upstreamName: string, code: string, message: string, explanation: string = REQUEST_REFUSED): string {
  return layout(
    `${upstreamName}: authorization error`,
    `<h1>${escapeHtml(upstreamName)}</h1>
<div class="error" role="alert">
<p><strong>${escapeHtml(code)}</strong> - ${escapeHtml(message)}</p>
</div>
<p>${escapeHtml(explanation)}</p>`,
  );
}

const REQUEST_REFUSED =
  "The application sent an authorization request that cannot be completed. If you are the developer, check its client id and redirect URI against the app's registration.";

/**
 * What a person reads under an injected failure or the legacy shutdown: the service's own trouble,
 * never the application's request, so the refusal's advice to check the client id would mislead.
 */
export function serviceFailureExplanation(status: number): string {
  if (status === 410) return 'This service has been turned off. Go back to the application: it has to move to another way of signing in.';
  if (status === 429) return 'The service is receiving too many requests right now. Go back to the application and try again in a few minutes.';
  return 'The service could not answer just now; nothing is wrong with your account or the application. Go back to the application and try again in a few minutes.';
}
