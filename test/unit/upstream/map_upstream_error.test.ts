import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import type { PluginErrorKind } from '../../../src/connections/plugin.js';
import { remedyOf, type UpstreamRemedy } from '../../../src/domain/upstream_remedy.js';
import { clientErrorForUpstream } from '../../../src/upstream/map_upstream_error.js';
import { acmeFailure } from '../../support/fake_plugin.js';
import { PLUGIN_ERROR_KINDS } from '../../../src/domain/read_plugin_failure.js';

const GOOGLE = fitbitPlugin.wording('google-health');
const FITBIT = fitbitPlugin.wording('fitbit-legacy');

const failure = (kind: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('upstream said no'), { kind, ...extra });

describe('clientErrorForUpstream', () => {
  it('turns the user\'s refusal into access_denied', () => {
    expect(clientErrorForUpstream(failure('access_denied'), GOOGLE).code).toBe('access_denied');
  });

  it.each(['unavailable', 'timeout', 'rate_limited', 'gone', 'conflict'])('turns %s into temporarily_unavailable with a description the client may see', (kind) => {
    const error = clientErrorForUpstream(failure(kind, { status: 503 }), FITBIT);
    expect(error.code).toBe('temporarily_unavailable');
    expect(error.expose).toBe(true);
    expect(error.description).not.toContain('upstream said no');
  });

  it('names the retry delay of a rate limit', () => {
    expect(clientErrorForUpstream(failure('rate_limited', { retryAfterSeconds: 42 }), GOOGLE).description).toContain('42 s');
  });

  it('tells the admin to move to google-health on a 410', () => {
    expect(clientErrorForUpstream(failure('gone'), FITBIT).description).toMatch(/410 Gone.*google-health/);
  });

  it('turns a configuration the upstream rejects into server_error naming the upstream kind', () => {
    const error = clientErrorForUpstream(failure('invalid_scope'), GOOGLE);
    expect(error.code).toBe('server_error');
    expect(error.expose).toBe(true);
    expect(error.description).toContain('Google refused the login (invalid_scope)');
  });

  it('gives access_denied, not server_error, when the user unticked the permissions that identify them, telling them to allow them', () => {
    const error = clientErrorForUpstream(failure('insufficient_scope', { status: 403 }), GOOGLE);
    expect(error.code).toBe('access_denied');
    expect(error.status).toBeLessThan(500);
    expect(error.description).toBe('The user did not allow, at Google, the permissions that identify them. They must log in again and allow them.');
  });

  it('gives access_denied for an account only the user can fix, with the plugin\'s words telling them how', () => {
    const error = clientErrorForUpstream(failure('account_unusable', { message: 'Open the Fitbit app and finish the setup, then sign in here again.' }), GOOGLE);
    expect(error.code).toBe('access_denied');
    expect(error.expose).toBe(true);
    expect(error.description).toBe(
      'Google signed the user in, but will not let this account be used here. Open the Fitbit app and finish the setup, then sign in here again.',
    );
  });

  it('keeps the account remedy a valid error_description: characters RFC 6749 forbids become spaces, an overlong one is cut', () => {
    const quoted = clientErrorForUpstream(failure('account_unusable', { message: 'Tap “Continue with Google”\nthen \\ retry "now"' }), GOOGLE);
    expect(quoted.description).toMatch(/^[\x20\x21\x23-\x5B\x5D-\x7E]+$/);
    expect(quoted.description).toContain('Tap Continue with Google then retry now');
    const long = clientErrorForUpstream(failure('account_unusable', { message: 'word '.repeat(200) }), GOOGLE);
    expect(long.description.length).toBeLessThan(500);
    expect(long.description.endsWith('word...')).toBe(true);
  });

  it('gives the user a general remedy when the account failure carries no message', () => {
    const error = clientErrorForUpstream(acmeFailure({ kind: 'account_unusable' }), { name: 'Acme', gone: 'x' });
    expect(error.code).toBe('access_denied');
    expect(error.description).toContain('Acme signed the user in, but will not let this account be used here. The user must set the account up there');
  });

  it.each([
    ['invalid_client', 'client id or secret'],
    ['redirect_uri_mismatch', '/login/callback'],
    ['api_not_enabled', 'an administrator must enable it in Fitbit\'s console'],
  ])('tells the admin what to fix for %s', (kind, advice) => {
    const error = clientErrorForUpstream(failure(kind), FITBIT);
    expect(error.code).toBe('server_error');
    expect(error.description).toContain(advice);
  });

  it('names the client secret alone when the token step refused the client, as TRY does', () => {
    const error = clientErrorForUpstream(failure('invalid_client', { operation: 'token', status: 401 }), GOOGLE);
    expect(error.code).toBe('server_error');
    expect(error.description).toBe(
      "Google did not accept the connection's client secret (its client id was accepted at sign-in); an administrator must paste the client secret again in the connection's settings.",
    );
  });

  it('tells the admin to open the client to the account in the upstream\'s console for unauthorized_client, as TRY does', () => {
    const error = clientErrorForUpstream(failure('unauthorized_client', { status: 400 }), GOOGLE);
    expect(error.code).toBe('server_error');
    expect(error.description).toBe(
      "Google will not let the connection's client sign this account in; an administrator must open the client to this account in Google's console.",
    );
  });

  it('tells the client a 409 conflict passes, naming the status', () => {
    const error = clientErrorForUpstream(failure('conflict', { status: 409 }), FITBIT);
    expect(error.code).toBe('temporarily_unavailable');
    expect(error.description).toBe('Fitbit is not available (HTTP 409); try again later.');
  });

  // The codes each remedy (domain/upstream_remedy.ts) is told as.
  const CODES_OF_REMEDY: Readonly<Record<UpstreamRemedy, readonly string[]>> = {
    user: ['access_denied', 'login_required'],
    passing: ['temporarily_unavailable'],
    admin: ['server_error'],
    reauthorize: ['server_error'],
    unexplained: ['server_error'],
  };
  // A 410 is the admin's to fix, but the client can only wait for it, as for an outage. An access
  // token withdrawn during the login is the upstream's denial, which logging in again undoes.
  const OWN_CODE: Partial<Record<PluginErrorKind, string>> = { gone: 'temporarily_unavailable', invalid_token: 'access_denied' };

  it.each(PLUGIN_ERROR_KINDS)('answers %s with a code of the remedy the table gives it at a login', (kind) => {
    const error = clientErrorForUpstream(acmeFailure({ kind }), { name: 'Acme', gone: 'Acme v1 is retired.' });
    const own = OWN_CODE[kind];
    expect(own === undefined ? CODES_OF_REMEDY[remedyOf(kind, 'login')] : [own]).toContain(error.code);
  });

  it('hides the details of an error that is not an upstream failure', () => {
    const error = clientErrorForUpstream(new Error('database exploded'), GOOGLE);
    expect(error.code).toBe('server_error');
    expect(error.expose).toBe(false);
  });

  // The contract, not Fitbit: a plain object with only the fields plugin.ts declares, from another plugin.
  const ACME = { name: 'Acme', gone: 'Acme v1 is retired; switch this connection to acme-v2.' };
  // A Record over every kind: a kind added to plugin.ts must be given its OAuth error here too.
  const CODE_OF_KIND: Readonly<Record<PluginErrorKind, string>> = {
    access_denied: 'access_denied',
    account_unusable: 'access_denied',
    insufficient_scope: 'access_denied',
    interaction_required: 'login_required',
    gone: 'temporarily_unavailable',
    rate_limited: 'temporarily_unavailable',
    unavailable: 'temporarily_unavailable',
    conflict: 'temporarily_unavailable',
    timeout: 'temporarily_unavailable',
    invalid_client: 'server_error',
    unauthorized_client: 'server_error',
    redirect_uri_mismatch: 'server_error',
    invalid_grant: 'server_error',
    invalid_scope: 'server_error',
    invalid_token: 'access_denied',
    invalid_request: 'server_error',
    api_not_enabled: 'server_error',
    bad_response: 'server_error',
    invalid_id_token: 'server_error',
    upstream_error: 'server_error',
  };

  it.each(Object.entries(CODE_OF_KIND) as [PluginErrorKind, string][])('maps a declared-fields-only %s failure to %s, told to the client', (kind, code) => {
    const error = clientErrorForUpstream(acmeFailure({ kind, status: 503, upstreamCode: 'acme_code', upstreamMessage: 'acme words' }), ACME);
    expect(error.code).toBe(code);
    expect(error.expose).toBe(true);
    expect(error.description).not.toMatch(/acme_code|acme words/);
  });

  it('reads the status and retry delay a plugin failure declares', () => {
    expect(clientErrorForUpstream(acmeFailure({ kind: 'unavailable', status: 502 }), ACME).description).toBe('Acme is not available (HTTP 502); try again later.');
    expect(clientErrorForUpstream(acmeFailure({ kind: 'rate_limited', retryAfterSeconds: 7 }), ACME).description).toBe('Acme is rate limiting requests (HTTP 429). Retry in 7 s.');
    expect(clientErrorForUpstream(acmeFailure({ kind: 'gone' }), ACME).description).toBe(ACME.gone);
  });

  it('tells the user to log in again, blaming no setting, when the upstream withdrew the access it had just granted', () => {
    const error = clientErrorForUpstream(acmeFailure({ kind: 'invalid_token', status: 401, operation: 'profile' }), ACME);
    expect(error.code).toBe('access_denied');
    expect(error.status).toBeLessThan(500);
    expect(error.description).toBe('Acme withdrew the access it had just granted, before the login could finish (invalid_token); log in again.');
  });

  it('words an answer fitgate could not use as such, not as a refusal', () => {
    const description = clientErrorForUpstream(acmeFailure({ kind: 'bad_response' }), ACME).description;
    expect(description).toBe('Acme answered the login with something fitgate could not use (bad_response); an administrator should try the connection from the dashboard.');
  });

  it('takes an error whose kind the plugin interface does not declare for fitgate\'s own, and hides it', () => {
    const error = clientErrorForUpstream(Object.assign(new Error('secret detail'), { kind: 'teapot' }), ACME);
    expect(error.code).toBe('server_error');
    expect(error.expose).toBe(false);
  });
});
