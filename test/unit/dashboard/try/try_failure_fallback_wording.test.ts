import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { TryFailureKind } from '../../../../src/connections/plugin.js';
import { tryFailureOf } from '../../../../src/dashboard/try/try_failure_explanation.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/**
 * The host's own words for a failed TRY are read for every plugin: an upstream with one API, or one
 * that registers only a callback's domain (Strava), must not be told of "the other API" or of an
 * exact redirect URI. Fitbit's words for its two APIs are its plugin's, and stay as they were.
 */
const CALLBACK = 'https://acme.example.com/login/callback';
const KINDS: TryFailureKind[] = [
  'invalid_client', 'unauthorized_client', 'redirect_uri_mismatch', 'access_denied', 'interaction_required', 'invalid_grant', 'invalid_scope',
  'invalid_token', 'insufficient_scope', 'invalid_request', 'account_unusable', 'api_not_enabled', 'gone', 'rate_limited', 'conflict',
  'unavailable', 'timeout', 'bad_response', 'invalid_id_token', 'upstream_error', 'unknown_client', 'expired', 'not_configured', 'secret_unreadable',
  'unknown',
];

describe('the host’s words for a failed TRY', () => {
  const hostWords = (kind: TryFailureKind) => tryFailureOf(kind, 'x', { callbackUrl: CALLBACK, api: 'acme-v2', requestedPermissions: [], plugin: fakePlugin() });

  it.each(KINDS)('assume neither two APIs nor exact-URL registration for %s', (kind) => {
    const { meaning, fix } = hostWords(kind);
    const words = `${meaning} ${fix}`;
    expect(words).not.toMatch(/the other API|the API chosen|the API the upstream offers now/);
    expect(words).not.toMatch(/redirect URI|Register exactly|is exactly/);
  });

  it('still name the callback URL where the upstream refused it or the code issued for it', () => {
    expect(hostWords('redirect_uri_mismatch').fix).toBe(`Register ${CALLBACK} with the upstream client exactly as the setup steps say, save it there, and press Try again.`);
    expect(hostWords('invalid_grant').fix).toContain(CALLBACK);
  });

  it('leave Fitbit admins the Fitbit plugin’s words for its two APIs, word for word', () => {
    const fitbit = (kind: TryFailureKind, api: string) => tryFailureOf(kind, 'x', { callbackUrl: CALLBACK, api, requestedPermissions: [], plugin: fitbitPlugin });
    expect(fitbit('unknown_client', 'google-health').meaning).toBe(
      'The upstream does not know this Client ID: its sign-in page refused it before anyone could sign in, so the Client Secret was never tried. The ID is mistyped, belongs to a deleted client, or was registered for the other API.',
    );
    expect(fitbit('unknown_client', 'fitbit-legacy').fix).toContain('check that the API chosen matches where the client is registered');
    expect(fitbit('redirect_uri_mismatch', 'google-health').fix).toContain(`add exactly ${CALLBACK} under "Authorised redirect URIs"`);
    expect(fitbit('gone', 'fitbit-legacy').fix).toBe(
      'Switch this connection\'s API to "Google Health API", register a Google Cloud OAuth client (see the setup steps), paste its Client ID and Client Secret, save, and press Try again.',
    );
  });
});
