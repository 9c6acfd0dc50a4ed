import { describe, expect, it } from '@jest/globals';
import { tryFailureOfError } from '../../../../src/dashboard/try/try_failure_explanation.js';
import { StoreUnavailableError, TemporarilyUnavailableError } from '../../../../src/errors/index.js';
import { ConnectionNotConfiguredError, ConnectionSecretUnreadableError } from '../../../../src/upstream/resolver_errors.js';
import { acmeFailure } from '../../../support/fake_plugin.js';

const context = { callbackUrl: 'https://acme.example.com/login/callback', api: 'acme-v2', requestedPermissions: ['steps'] };
/** The failure's kind, or `own` for fitgate's own failure, which TRY does not explain. */
const kindOf = (error: unknown) => {
  const read = tryFailureOfError(error, context);
  return 'own' in read ? 'own' : read.failure.kind;
};

/** The kind a failed TRY is explained by, for what the resolver or the plugin threw. */
describe('the kind of a TRY’s failure', () => {
  it('is not_configured only for the resolver’s "no credentials, no sandbox that plays it"', () => {
    expect(kindOf(new ConnectionNotConfiguredError('no client id'))).toBe('not_configured');
    expect(kindOf(new Error('anything else'))).toBe('unknown');
  });

  it('is none for fitgate’s own failure, wrapped or still the store driver’s: no finding about the upstream', () => {
    expect(kindOf(new TemporarilyUnavailableError('No plugin serves the strava strategy'))).toBe('own');
    expect(kindOf(new StoreUnavailableError())).toBe('own');
    expect(kindOf(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe('own');
  });

  it('is secret_unreadable for a stored secret the resolver cannot open', () => {
    expect(kindOf(new ConnectionSecretUnreadableError('cannot be opened'))).toBe('secret_unreadable');
  });

  it('is the plugin failure’s own kind', () => {
    expect(kindOf(acmeFailure({ kind: 'invalid_scope' }))).toBe('invalid_scope');
  });
});
