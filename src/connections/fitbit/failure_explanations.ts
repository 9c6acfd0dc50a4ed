import type { FailureExplanation } from '../plugin.js';
import { isFitbitApi, type FitbitApi } from './api.js';
import { CLIENT_ID_LOOKS, CREDENTIALS_PLACE } from './credential_shapes.js';

// An invalid_client is explained by where it happened: at authorize only the Client ID has been
// sent (unknown_client); at the token step the upstream has accepted that ID already, so it is the
// secret it refused (invalid_client).
const BY_API: Readonly<Record<string, (api: FitbitApi, callbackUrl: string) => FailureExplanation>> = {
  unknown_client: (api) => ({
    meaning:
      'The upstream does not know this Client ID: its sign-in page refused it before anyone could sign in, so the Client Secret was never tried. The ID is mistyped, belongs to a deleted client, or was registered for the other API.',
    fix: `Copy the Client ID again from ${CREDENTIALS_PLACE[api]}; ${CLIENT_ID_LOOKS[api]}. Paste it into Client ID, check that the API chosen matches where the client is registered, save, and press Try again.`,
    field: 'clientId',
  }),
  invalid_client: (api) => ({
    meaning:
      'The upstream knows the Client ID (its sign-in page accepted it), but the Client Secret was refused at the token step, when fitgate exchanged the code for tokens: the secret is wrong, was rotated, or belongs to another client.',
    fix: `Copy the client secret again from ${CREDENTIALS_PLACE[api]}, paste it into Client Secret, save, and press Try again. Check that it belongs to the same client as the Client ID.`,
    field: 'clientSecret',
  }),
  // Both compare the whole URL, character for character; Google's console warns that a change may
  // take minutes to apply, so a TRY right after the save can still fail. The settings page shows the
  // URL to copy.
  redirect_uri_mismatch: (api, callbackUrl) =>
    api === 'google-health'
      ? {
          meaning:
            'Google does not list this tenant\'s callback URL among the OAuth client\'s Authorised redirect URIs. Google compares the whole URL: a trailing slash, http instead of https, or another host or port is enough.',
          fix: `In ${CREDENTIALS_PLACE[api]}, add exactly ${callbackUrl} under "Authorised redirect URIs" and save. Google can take a few minutes to apply it; then press Try again.`,
          field: 'callbackUrl',
        }
      : {
          meaning:
            'The Fitbit app\'s Redirect URL is not this tenant\'s callback URL. Fitbit compares the whole URL: a trailing slash, http instead of https, or another host or port is enough.',
          fix: `In ${CREDENTIALS_PLACE[api]}, set "Redirect URL" to exactly ${callbackUrl}, save, and press Try again.`,
          field: 'callbackUrl',
        },
};

const EITHER_API: Readonly<Record<string, FailureExplanation>> = {
  unauthorized_client: {
    meaning: 'The upstream knows this client but will not let it sign in this account (a Fitbit "Personal" app only lets its owner in; a Google app in Testing only lets its test users in).',
    fix: 'Use a "Server" type Fitbit app, or add the account as a test user (or publish the app) in the Google Cloud console, then press Try again.',
  },
  gone: {
    meaning: 'The legacy Fitbit endpoints are gone: Fitbit turned the legacy Web API off on 2026-11-02 and it answers 410 Gone.',
    fix: 'Switch this connection\'s API to "Google Health API", register a Google Cloud OAuth client (see the setup steps), paste its Client ID and Client Secret, save, and press Try again.',
    field: 'api',
  },
  invalid_id_token: {
    meaning: 'Google\'s id_token failed verification (signature, issuer, audience, expiry or nonce).',
    fix: 'Check that this server\'s clock is right and that the Client ID is the Google client\'s exact ID, then press Try again.',
    field: 'clientId',
  },
  // https://developers.google.com/health/troubleshooting: ACCOUNT_NOT_LINKED, and the 403 a legacy Fitbit account's consent gets.
  account_unusable: {
    meaning:
      'Google signed the account in, but the Google Health API will not serve it: the account has no Google Health profile (Fitbit was never set up with it, or its Fitbit account was not moved to Google), or the consent came from a legacy Fitbit account instead of a Google Account. The connection is not at fault: users with such an account are refused too, and told at login how to fix it.',
    fix: 'Press Try again with a Google Account that uses Fitbit. To fix this account: sign out of the Fitbit app, sign back in with Continue with Google (moving the Fitbit account to Google if asked), then press Try again.',
  },
  // https://developers.google.com/health/setup ("Enable Google Health API on the API Enablement page");
  // Google answers 403 PERMISSION_DENIED, reason SERVICE_DISABLED, until then.
  api_not_enabled: {
    meaning:
      'Google accepted the Client ID and the sign-in, but refused the call to the Google Health API: the API is not enabled in the Google Cloud project that owns this OAuth client (or was enabled only minutes ago). Every login fails this way until it is enabled.',
    fix: 'In the Google Cloud console, select the project of this OAuth client, open APIs & Services → Library (https://console.developers.google.com/apis/library/health.googleapis.com), enable the Google Health API, wait a few minutes, and press Try again.',
    // The Google Health API's setup steps say where it is enabled.
    field: 'setupSteps',
  },
};

/**
 * The failures whose remedy names Google's or Fitbit's consoles; undefined for the rest (and for an
 * api this plugin does not serve), which the host explains in general terms.
 */
export function explainFailure(kind: string, api: string, callbackUrl: string): FailureExplanation | undefined {
  const byApi = BY_API[kind];
  if (byApi) return isFitbitApi(api) ? byApi(api, callbackUrl) : undefined;
  return EITHER_API[kind];
}
