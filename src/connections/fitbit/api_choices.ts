import type { ConnectionApi } from '../plugin.js';
import { FITBIT_APIS, type FitbitApi } from './api.js';

/** One API as a host's dashboard offers it, by its Fitbit id. */
export type ApiChoice = ConnectionApi & { readonly id: FitbitApi };

const CHOICES: Readonly<Record<FitbitApi, Omit<ApiChoice, 'id'>>> = {
  'google-health': {
    name: 'Google Health API',
    clientIdHint: 'The OAuth client ID of your Google Cloud project.',
    permissionsHint:
      'Google grants by area, not by permission: ticking one permission grants every permission in its area, so a user who consents may grant more than you ticked.',
  },
  'fitbit-legacy': {
    name: 'Legacy Fitbit Web API',
    warning:
      'Fitbit turned the legacy Web API off on 2026-11-02. Its OAuth and data endpoints now answer 410 Gone, so logins through this mode fail. Switch to the Google Health API and register a Google Cloud OAuth client; each user consents once more (Fitbit tokens cannot be carried over), and fitgate keeps them the same user.',
    clientIdHint: 'The OAuth 2.0 Client ID of your app at dev.fitbit.com.',
    // A Fitbit "Client" app is a public client: client_auth.ts sends only its id.
    clientSecretOptional: 'Leave it empty for a Fitbit "Client" app, which has no secret; a "Server" app needs its own.',
    permissionsHint: 'Each permission is asked for on its own.',
  },
};

/** Both APIs in FITBIT_APIS order: Google Health, the live one, first. */
export function apiChoices(): [ApiChoice, ...ApiChoice[]] {
  const [first, ...rest] = FITBIT_APIS;
  return [choiceOf(first), ...rest.map(choiceOf)];
}

/**
 * Whether a client ID is useless without its secret: a Google web client authenticates with it at
 * the token step; only a legacy Fitbit "Client" app has none.
 */
export function needsClientSecret(api: FitbitApi): boolean {
  return CHOICES[api].clientSecretOptional === undefined;
}

function choiceOf(api: FitbitApi): ApiChoice {
  return { id: api, ...CHOICES[api] };
}
