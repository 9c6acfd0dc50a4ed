import type { FitbitApi } from './api.js';

/** Where the admin copies each API's credentials from, as the admin's pages name it. */
export const CREDENTIALS_PLACE: Record<FitbitApi, string> = {
  'google-health': 'the Google Cloud console (Google Auth Platform → Clients → your OAuth client)',
  'fitbit-legacy': 'dev.fitbit.com (Manage → your app)',
};

/** What each API's Client ID looks like, in a clause the admin reads. */
export const CLIENT_ID_LOOKS: Record<FitbitApi, string> = {
  'google-health': 'a Google OAuth client ID ends in .apps.googleusercontent.com',
  'fitbit-legacy': 'a Fitbit "OAuth 2.0 Client ID" is six characters, such as 23ABCD',
};

// Every OAuth client ID Google issues is `<project number>-<hash>.apps.googleusercontent.com`.
const GOOGLE_CLIENT_ID = /\.apps\.googleusercontent\.com$/i;
// Fitbit's "OAuth 2.0 Client ID" (dev.fitbit.com → Manage → your app), e.g. 23ABCD.
const FITBIT_CLIENT_ID = /^[A-Z0-9]{6}$/;
// Google's client secrets begin with GOCSPX- (those made since 2021); Fitbit's are 32 hexadecimal digits.
// Neither shape is ever a client ID of either API.
const CLIENT_SECRET = /^GOCSPX-|^[0-9a-f]{32}$/i;

/** Whether `value` has the shape of a Google OAuth client ID. */
export function looksLikeGoogleClientId(value: string): boolean {
  return GOOGLE_CLIENT_ID.test(value);
}

/** Whether `value` has the shape of a Fitbit "OAuth 2.0 Client ID": six capitals and digits. */
export function looksLikeFitbitClientId(value: string): boolean {
  return FITBIT_CLIENT_ID.test(value);
}

/** Whether `value` has the shape of a Google or Fitbit client secret, which no client ID has. */
export function looksLikeClientSecret(value: string): boolean {
  return CLIENT_SECRET.test(value);
}
