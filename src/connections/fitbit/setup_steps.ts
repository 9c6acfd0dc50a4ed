import type { FitbitApi } from './api.js';

/** Numbered instructions for registering the upstream OAuth client, naming the exact callback URL. */
export function setupSteps(api: FitbitApi, callbackUrl: string): string[] {
  return api === 'google-health' ? googleSteps(callbackUrl) : legacySteps(callbackUrl);
}

function googleSteps(callbackUrl: string): string[] {
  return [
    'Open the Google Cloud console (https://console.cloud.google.com/) and select or create the project for this application.',
    'Under "APIs & Services" → "Library", enable the Google Health API.',
    'Under "Google Auth Platform" → "Branding", fill in the app name, support email and authorised domains; under "Audience", add test users while the app is in Testing (their refresh tokens expire after 7 days until the app is published).',
    // The steps know no connection's permissions: name the rule, not every scope there is.
    'Under "Data Access", add openid, email and profile, and, for each area whose permissions you tick for this connection, the Google scope shown beside that area among the permissions (https://www.googleapis.com/auth/googlehealth.AREA.readonly).',
    'Under "Clients", create an OAuth client of type "Web application".',
    `Add exactly this Authorised redirect URI, with no trailing slash: ${callbackUrl}`,
    'Copy the client ID and client secret into this connection (API: google-health) and save.',
  ].map(numbered);
}

function legacySteps(callbackUrl: string): string[] {
  return [
    'The legacy Fitbit Web API was turned off on 2026-11-02; new connections should use google-health. These steps only apply to a Fitbit service that still answers.',
    'Sign in at https://dev.fitbit.com/apps and choose "Register an app".',
    'Set "OAuth 2.0 Application Type" to "Server" (a client secret, HTTP Basic authentication) or "Client" (no secret); "Personal" only lets your own account sign in.',
    `Set "Redirect URL" to exactly: ${callbackUrl}`,
    'Set "Default Access Type" to "Read Only" and save.',
    'Copy the "OAuth 2.0 Client ID" and, for Server apps, the "Client Secret" into this connection (API: fitbit-legacy) and save.',
  ].map(numbered);
}

function numbered(step: string, index: number): string {
  return `${index + 1}. ${step}`;
}
