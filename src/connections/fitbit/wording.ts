import type { UpstreamWording } from '../plugin.js';
import type { FitbitApi } from './api.js';

/** How each API is named in what a client or an admin reads, every sentence written (none left to the host). */
export function wording(api: FitbitApi): UpstreamWording {
  return {
    name: api === 'google-health' ? 'Google' : 'Fitbit',
    gone: 'The legacy Fitbit API is shut down (HTTP 410 Gone); an administrator must switch this connection to google-health.',
    // Google issues a refresh token (access_type=offline) at a user's first consent to this client, or at
    // a consent forced with prompt=consent (https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient,
    // "prompt"). A login that brings none, for a user fitgate holds none for, is sent back to Google
    // once with prompt=consent (refresh_token_consent.ts), and TRY always asks for the consent: so the
    // sentence is read only where a consent was asked for and still none came back. What is left is
    // the user's own remedy. Fitbit's code exchange always returns one.
    noRefreshToken:
      api === 'google-health'
        ? 'Google sent no refresh token, although fitgate asked for offline access and a new consent (prompt=consent: a TRY asks ' +
          'for it every time, and a login that brings none is sent back to Google once for it). fitgate cannot renew this user\'s ' +
          'tokens, so they must sign in again once the access token expires (after about an hour). If it happens again, the user ' +
          'can remove the app from their Google Account permissions and sign in again.'
        : 'Fitbit normally sends a refresh token with every login; without one, fitgate cannot renew this user\'s tokens, so they ' +
          'must sign in again once the access token expires.',
  };
}
