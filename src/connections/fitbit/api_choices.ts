import { FITBIT_APIS, type FitbitApi } from './api.js';

/** One API as a host's dashboard offers it (fitgate's ConnectionApi). */
export interface ApiChoice {
  id: FitbitApi;
  name: string;
  warning?: string;
  clientIdHint: string;
  permissionsHint: string;
}

const CHOICES: Readonly<Record<FitbitApi, Omit<ApiChoice, 'id'>>> = {
  'google-health': {
    name: 'Google Health API',
    clientIdHint: 'the OAuth client ID of your Google Cloud project.',
    permissionsHint:
      'Google grants by area, not by permission: ticking one permission grants every permission in its area, so a user who consents may grant more than you ticked.',
  },
  'fitbit-legacy': {
    name: 'Legacy Fitbit Web API',
    warning:
      'Fitbit turned the legacy Web API off on 2026-11-02. Its OAuth and data endpoints now answer 410 Gone, so logins through this mode fail. Switch to the Google Health API and register a Google Cloud OAuth client; each user consents once more (Fitbit tokens cannot be carried over), and fitgate keeps them the same user.',
    clientIdHint: 'the OAuth 2.0 Client ID of your app at dev.fitbit.com.',
    permissionsHint: 'each permission is asked for on its own.',
  },
};

/** Both APIs in FITBIT_APIS order: Google Health, the live one, first. */
export function apiChoices(): [ApiChoice, ...ApiChoice[]] {
  const [first, ...rest] = FITBIT_APIS;
  return [choiceOf(first), ...rest.map(choiceOf)];
}

function choiceOf(api: FitbitApi): ApiChoice {
  return { id: api, ...CHOICES[api] };
}
