import { isFitbitApi, type FitbitApi } from './api.js';
import { CLIENT_ID_LOOKS, CREDENTIALS_PLACE, looksLikeClientSecret, looksLikeFitbitClientId, looksLikeGoogleClientId } from './credential_shapes.js';

/** The credentials an admin just saved: the Client ID, and the secret when one was typed. */
export interface CredentialsToAdvise {
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
}

/**
 * Advice for the admin on credentials of the wrong shape for `api`, one sentence each, shown after
 * a save that went through: the upstream would refuse them at TRY or at the first login. Only clear
 * mismatches (a space inside, the other API's Client ID, a client secret in the Client ID field),
 * never a value Google or Fitbit may issue: a Fitbit ID in lower case, or of another length, gets
 * none. A sentence may quote the Client ID (client IDs are public), never the secret, nor a Client
 * ID shaped like one. Empty for an api this plugin does not serve.
 */
export function adviseOnCredentials(api: string, credentials: CredentialsToAdvise): string[] {
  if (!isFitbitApi(api)) return [];
  const clientId = credentials.clientId?.trim() ?? '';
  const clientSecret = credentials.clientSecret?.trim() ?? '';
  if (looksLikeClientSecret(withoutSpaces(clientId)) && looksLikeGoogleClientId(clientSecret)) {
    return ['The Client ID and the Client Secret look swapped: paste each into the other field and save again.'];
  }
  return [...(clientId ? clientIdAdvice(api, clientId) : []), ...(clientSecret ? clientSecretAdvice(api, clientId, clientSecret) : [])];
}

// A value copied from a JSON file, a .env line or a chat message often keeps the quotes around it.
const QUOTE_PAIRS: readonly (readonly [string, string])[] = [['"', '"'], ["'", "'"], ['`', '`'], ['\u201c', '\u201d'], ['\u2018', '\u2019']];

function inQuotes(value: string): boolean {
  return value.length >= 2 && QUOTE_PAIRS.some(([open, close]) => value.startsWith(open) && value.endsWith(close));
}

function withoutSpaces(value: string): string {
  return value.replace(/\s+/g, '');
}

function clientIdAdvice(api: FitbitApi, clientId: string): string[] {
  // Judged without the spaces, so that "GOCSPX- …" is still a secret and "23 ABCD" still Fitbit's.
  const compact = withoutSpaces(clientId);
  if (looksLikeClientSecret(compact) || (inQuotes(compact) && looksLikeClientSecret(compact.slice(1, -1)))) {
    return [
      `The Client ID looks like a client secret, not a Client ID. Paste the secret into Client Secret, and copy the Client ID from ${CREDENTIALS_PLACE[api]}: ${CLIENT_ID_LOOKS[api]}.`,
    ];
  }
  const quoted = JSON.stringify(clientId);
  if (inQuotes(compact)) {
    // Said alone: the shape checks below would judge the quotes and blame the ID itself.
    return [`The Client ID ${quoted} is wrapped in quotation marks, which are not part of it: paste it again without them.`];
  }
  const advice: string[] = [];
  if (compact !== clientId) {
    advice.push(`The Client ID ${quoted} contains a space or a line break, which no client ID has: copy it again from ${CREDENTIALS_PLACE[api]}.`);
  }
  if (api === 'google-health' && looksLikeFitbitClientId(compact)) {
    advice.push(
      `The Client ID ${quoted} looks like a Fitbit "OAuth 2.0 Client ID" from dev.fitbit.com, but the Google Health API is chosen, which takes the Client ID of a Google Cloud OAuth client (it ends in .apps.googleusercontent.com). Register one (see the setup steps) and paste its Client ID and Client Secret.`,
    );
  } else if (api === 'google-health' && !looksLikeGoogleClientId(compact)) {
    advice.push(`The Client ID ${quoted} is not a Google OAuth client ID, which ends in .apps.googleusercontent.com: copy the whole Client ID again from ${CREDENTIALS_PLACE[api]}.`);
  } else if (api === 'fitbit-legacy' && looksLikeGoogleClientId(compact)) {
    advice.push(
      `The Client ID ${quoted} is a Google OAuth client ID, but the Legacy Fitbit Web API is chosen: choose the Google Health API for a Google Cloud OAuth client, or paste the Client ID of your dev.fitbit.com app (${CLIENT_ID_LOOKS[api]}).`,
    );
  }
  return advice;
}

function clientSecretAdvice(api: FitbitApi, clientId: string, clientSecret: string): string[] {
  // The secret is never quoted back, even in part: only what is around it is named.
  if (inQuotes(clientSecret)) {
    return ['The Client Secret is wrapped in quotation marks, which are not part of it (Google and Fitbit secrets have none): paste it again without them.'];
  }
  if (clientSecret === clientId) return [`The Client Secret is the same as the Client ID: copy the client secret from ${CREDENTIALS_PLACE[api]}.`];
  if (looksLikeGoogleClientId(clientSecret)) {
    return [`The Client Secret looks like a Client ID, not a secret: copy the client secret of the same client from ${CREDENTIALS_PLACE[api]}.`];
  }
  return [];
}
