import { tokenRefusalOf } from '../token_refusal.js';
import { problemPage } from '../views.js';

/**
 * The last handler. The failure people meet most is a sign-in that came back with an OAuth error:
 * express-openid-connect passes it on with fitgate's `error` and `error_description`, and the page
 * shows both with what to do. When fitgate refused the code exchange itself, the SDK reports only
 * its own code (e.g. OAUTH_WWW_AUTHENTICATE_CHALLENGE), so fitgate's answer is read from where
 * token_refusal.js kept it. Anything else is logged and answered without internals.
 */
const ADVICE = {
  access_denied: 'Access was not granted: the Fitbit consent screen was declined, or fitgate refused the sign-in. Press Connect to try again.',
  temporarily_unavailable: 'Fitbit did not answer in time. Wait a minute, then press Connect again.',
  login_required: 'You need to sign in again. Press Connect.',
  consent_required: 'Fitbit needs your consent again. Press Connect.',
  // Only the code exchange authenticates the app; a wrong client id is refused earlier, at /authorize.
  invalid_client: 'fitgate refused the client secret (invalid_client): check CLIENT_SECRET.',
};

// Express recognises an error handler by its four parameters, so _next stays.
export function errorHandler(error, req, res, _next) {
  const user = req.oidc?.user;
  if (typeof error.error === 'string') {
    const refusal = tokenRefusalOf(res);
    const code = refusal?.error ?? error.error;
    const description = refusal ? `${refusal.description ?? ''} (fitgate's token endpoint answered ${refusal.status})`.trim() : error.error_description;
    res.status(400).send(
      problemPage({
        user,
        title: 'Authorization failed',
        explanation: ADVICE[code] ?? 'The sign-in with Fitbit did not complete. Press Connect to try again; if it keeps failing, tell us the details below.',
        detail: `${code}${description ? `: ${description}` : ''}`,
      }),
    );
    return;
  }
  if (error.status === 401) {
    res.status(401).send(problemPage({ user, title: 'Please sign in', explanation: 'This page needs you to connect Fitbit first.' }));
    return;
  }
  console.error('Activity Sync: request failed:', error);
  res.status(500).send(problemPage({ user, title: 'Something went wrong', explanation: 'The request failed on our side. Try again in a moment.' }));
}
