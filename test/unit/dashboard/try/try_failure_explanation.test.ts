import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { TryFailureKind } from '../../../../src/connections/plugin.js';
import { tryFailureOf, tryFailureOfError, upstreamSaidOf, type FailureContext, type TryFailure } from '../../../../src/dashboard/try/try_failure_explanation.js';
import { acmeFailure } from '../../../support/fake_plugin.js';

const context = { callbackUrl: 'https://acme.example.com/login/callback', api: 'google-health', requestedPermissions: ['activity', 'profile'], plugin: fitbitPlugin };

/** The explanation of a failure that is not fitgate's own. */
function explained(error: unknown, given: FailureContext = context): TryFailure {
  const read = tryFailureOfError(error, given);
  if ('own' in read) throw new Error(`read as fitgate's own: ${read.own.message}`);
  return read.failure;
}

describe('what a failed TRY says', () => {
  it('names the callback URL to register when the upstream does not know it', () => {
    expect(tryFailureOf('redirect_uri_mismatch', 'x', context).fix).toContain('add exactly https://acme.example.com/login/callback under "Authorised redirect URIs"');
  });

  it('explains invalid_client by where it happened: an unknown Client ID at authorize, a refused secret at the token step', () => {
    const atAuthorize = tryFailureOf('unknown_client', 'authorize: HTTP 401 invalid_client', context);
    expect(atAuthorize.meaning).toContain('does not know this Client ID');
    expect(atAuthorize.fix).toContain('Paste it into Client ID');
    expect(atAuthorize.fix).toContain('.apps.googleusercontent.com');
    expect(atAuthorize.fix).not.toMatch(/\) \(/); // one bracket at a time, not "(… client) (a … ID ends in …)"
    const atToken = tryFailureOf('invalid_client', 'token: HTTP 401 invalid_client', context);
    expect(atToken.meaning).toContain('Client Secret was refused at the token step');
    expect(atToken.fix).toContain('paste it into Client Secret');
  });

  it('sends the admin to Google Health when the legacy endpoints are gone', () => {
    const failure = tryFailureOf('gone', 'authorize: HTTP 410 Gone', context);
    expect(failure.meaning).toContain('2026-11-02');
    expect(failure.fix).toContain('Switch this connection');
  });

  it('words the console remedies in general terms when the plugin has none to offer', () => {
    const withoutPlugin = { ...context, plugin: undefined };
    for (const kind of ['unknown_client', 'invalid_client', 'unauthorized_client', 'gone', 'invalid_id_token', 'api_not_enabled', 'account_unusable'] satisfies TryFailureKind[]) {
      const failure = tryFailureOf(kind, 'x', withoutPlugin);
      expect(`${failure.meaning} ${failure.fix}`).not.toMatch(/Google|Fitbit/);
      expect(tryFailureOf(kind, 'x', context).fix).not.toBe(failure.fix);
    }
  });

  it('tells the admin to enable the API, and not to tick permissions, when the upstream API is not enabled for the client', () => {
    const failure = tryFailureOf('api_not_enabled', 'identity: HTTP 403 PERMISSION_DENIED', { ...context, plugin: undefined });
    expect(failure.fix).toContain('enable that API for the project that owns this Client ID');
    expect(failure.fix).not.toMatch(/tick/i);
  });

  it('puts an account the upstream will not serve on the account, not on the connection', () => {
    const failure = tryFailureOf('account_unusable', 'identity: HTTP 400 FAILED_PRECONDITION', { ...context, plugin: undefined });
    expect(failure.meaning).toContain('The connection is not at fault');
    expect(failure.fix).not.toMatch(/tick|Client ID|Client Secret/i);
  });

  it('lists the permissions to tick when they were left unticked', () => {
    expect(tryFailureOf('insufficient_scope', 'x', context).fix).toContain('tick at least one of activity, profile');
  });

  it('explains in general terms a kind it has no words of its own for', () => {
    const failure = tryFailureOf('upstream_error', 'HTTP 418', context);
    expect(failure).toMatchObject({ kind: 'upstream_error', upstreamSaid: 'HTTP 418' });
    expect(failure.fix).not.toBe('');
  });

  it('reads a plugin error by its documented fields', () => {
    const error = Object.assign(new Error('m'), { kind: 'invalid_client', operation: 'token', status: 401, upstreamCode: 'invalid_client', upstreamMessage: 'Unauthorized' });
    expect(explained(error).kind).toBe('invalid_client');
    expect(upstreamSaidOf(error)).toBe('token: HTTP 401 invalid_client “Unauthorized”');
    expect(upstreamSaidOf(new Error('plain'))).toBe('plain');
    expect(explained('nonsense').kind).toBe('unknown');
  });

  it('reads a failure carrying only the fields the plugin interface declares, from a plugin that is not Fitbit', () => {
    const failure = acmeFailure({ kind: 'redirect_uri_mismatch', operation: 'token', status: 400, upstreamCode: 'bad_redirect', upstreamMessage: 'Redirect not allowed' });
    expect(explained(failure).kind).toBe('redirect_uri_mismatch');
    expect(upstreamSaidOf(failure)).toBe('token: HTTP 400 bad_redirect “Redirect not allowed”');
    expect(explained(failure, { ...context, plugin: undefined }).fix).toContain('Register https://acme.example.com/login/callback');
    expect(upstreamSaidOf(acmeFailure({ kind: 'unavailable', message: 'Acme is down' }))).toBe('Acme is down');
  });

  it('takes a kind the plugin interface does not declare for no plugin failure, and its fields for unreadable', () => {
    const undeclared = Object.assign(new Error('what happened'), { kind: 'teapot', operation: 'token', status: 418, upstreamCode: 'short_and_stout' });
    expect(explained(undeclared).kind).toBe('unknown');
    expect(upstreamSaidOf(undeclared)).toBe('what happened');
  });
});
