import { describe, expect, it } from '@jest/globals';
import type { PluginErrorKind } from '../../../../src/connections/plugin.js';
import { tryFailureOf, tryFailureOfError, type TryFailure } from '../../../../src/dashboard/try/try_failure_explanation.js';
import { remedyOf } from '../../../../src/domain/upstream_remedy.js';
import { acmeFailure, fakePlugin } from '../../../support/fake_plugin.js';
import { PLUGIN_ERROR_KINDS } from '../../../../src/domain/read_plugin_failure.js';

/**
 * A failed TRY's advice follows the remedy the host's table gives the failure (the one the login and
 * the vault read): a failure that passes is waited out, one the user fixes is fixed on the
 * upstream's pages; neither sends the admin to the client's settings.
 */
const context = { callbackUrl: 'https://acme.example.com/login/callback', api: 'acme-v2', requestedPermissions: ['steps'], plugin: fakePlugin() };
const SETTINGS = /settings|Client ID|Client Secret|setup steps|console/i;

function explained(error: unknown): TryFailure {
  const read = tryFailureOfError(error, context);
  if ('own' in read) throw new Error(`read as fitgate's own: ${read.own.message}`);
  return read.failure;
}

const byRemedy = (remedy: string) => PLUGIN_ERROR_KINDS.filter((kind) => remedyOf(kind, 'login') === remedy);

describe('the advice of a failed TRY', () => {
  it.each(byRemedy('passing'))('is to wait and try again for %s, which passes, not to look at the settings', (kind) => {
    const failure = tryFailureOf(kind, 'x', context);
    expect(failure.fix).toMatch(/Try again/);
    expect(failure).not.toHaveProperty('field');
  });

  it.each(['conflict', 'rate_limited'] satisfies PluginErrorKind[])('sends the admin nowhere near the settings for %s', (kind) => {
    expect(tryFailureOf(kind, 'x', context).fix).not.toMatch(SETTINGS);
  });

  it.each(byRemedy('user'))('is for the person signing in, on the upstream\'s pages, for %s', (kind) => {
    const failure = tryFailureOf(kind, 'x', context);
    expect(failure.fix).toMatch(/^Press Try again/);
    expect(failure.fix).not.toMatch(SETTINGS);
    expect(failure).not.toHaveProperty('field');
  });

  it('asks for the upstream\'s sign-in or consent pages, not the client\'s settings, on interaction_required', () => {
    const failure = tryFailureOf('interaction_required', 'authorize: consent_required', context);
    expect(failure.meaning).toContain('The connection is not at fault');
    expect(failure.fix).toBe('Press Try again and go through every upstream page with the account you mean to use.');
  });

  it('names the seconds a rate limit lasts, when the upstream said them, in the fix and in what it said', () => {
    const failure = explained(acmeFailure({ kind: 'rate_limited', operation: 'token', status: 429, upstreamCode: 'quota', retryAfterSeconds: 42 }));
    expect(failure.fix).toBe('Wait 42 seconds and press Try again.');
    expect(failure.upstreamSaid).toBe('token: HTTP 429 quota (retry after 42 s)');
  });

  it('says "a few minutes" for a rate limit whose end the upstream did not say', () => {
    expect(explained(acmeFailure({ kind: 'rate_limited', status: 429 })).fix).toBe('Wait a few minutes and press Try again.');
  });

  it('names the seconds for any failure that passes, a conflict included', () => {
    const failure = explained(acmeFailure({ kind: 'conflict', operation: 'token', status: 409, retryAfterSeconds: 1 }));
    expect(failure.fix).toBe('Wait 1 second and press Try again.');
    expect(explained(acmeFailure({ kind: 'conflict', status: 409 })).fix).toBe('Wait a minute and press Try again.');
  });

  it('keeps the admin\'s remedy for unauthorized_client in the upstream\'s console, as the login does', () => {
    expect(tryFailureOf('unauthorized_client', 'x', context).fix).toContain('In the upstream console');
  });
});
