import type { UpstreamWording } from '../plugin.js';
import type { FitbitApi } from './api.js';

/** How each API is named in what a client or an admin reads, every sentence written (none left to the host). */
export function wording(api: FitbitApi): UpstreamWording {
  return {
    name: api === 'google-health' ? 'Google' : 'Fitbit',
    gone: 'The legacy Fitbit API is shut down (HTTP 410 Gone); an administrator must switch this connection to google-health.',
    // Google issues a refresh token (access_type=offline) at a user's first consent to this client, or at
    // a consent forced with prompt=consent (https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient,
    // "prompt"): the remedy an application can apply itself, so it comes before the user's own.
    // Fitbit's code exchange always returns one.
    noRefreshToken:
      api === 'google-health'
        ? 'Google sends a refresh token only the first time a user consents to this Client ID, or when a login asks for consent ' +
          'again (prompt=consent). For a user who consented before, a real login keeps the refresh token fitgate already holds; ' +
          'for a user fitgate holds none for, the application should sign them in again with prompt=consent (sent to /authorize, ' +
          'which passes it on to Google); failing that, the user can remove the app from their Google Account permissions and ' +
          'sign in again.'
        : 'Fitbit normally sends a refresh token with every login; without one, fitgate cannot renew this user\'s tokens, so they ' +
          'must sign in again once the access token expires.',
  };
}
