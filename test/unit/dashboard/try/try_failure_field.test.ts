import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin, TryFailureKind } from '../../../../src/connections/plugin.js';
import { tryFailureOf } from '../../../../src/dashboard/try/try_failure_explanation.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/**
 * Where a failed TRY's fix is made, when it is made in the connection's settings: the host says it
 * for its own words, and a plugin that words a failure says it too, by the settings field keys of the
 * plugin interface, so the host names no upstream's field for it.
 */
const context = { callbackUrl: 'https://acme.example.com/login/callback', api: 'acme-v2', requestedPermissions: ['steps'] };

describe('the setting a failed TRY is fixed in', () => {
  it('is named by the host for its own words where the fix is a setting, and for no other failure', () => {
    const field = (kind: TryFailureKind) => tryFailureOf(kind, 'x', { ...context, plugin: fakePlugin() }).field;
    expect(field('unknown_client')).toBe('clientId');
    expect(field('invalid_client')).toBe('clientSecret');
    expect(field('redirect_uri_mismatch')).toBe('callbackUrl');
    expect(field('invalid_scope')).toBe('scope');
    expect(field('api_not_enabled')).toBe('setupSteps');
    expect(field('not_configured')).toBe('clientId');
    expect(field('secret_unreadable')).toBe('clientSecret');
    for (const kind of ['access_denied', 'insufficient_scope', 'account_unusable', 'unauthorized_client', 'rate_limited', 'unavailable', 'timeout', 'expired', 'unknown'] satisfies TryFailureKind[]) {
      expect(tryFailureOf(kind, 'x', { ...context, plugin: fakePlugin() })).not.toHaveProperty('field');
    }
  });

  it('comes from the plugin, with its words, when the plugin explains the failure', () => {
    const plugin: ConnectionPlugin = {
      ...fakePlugin(),
      explainFailure: (kind) => (kind === 'gone' ? { meaning: 'Acme v1 is retired.', fix: 'Choose Acme API v2, save, and press Try again.', field: 'api' } : undefined),
    };
    expect(tryFailureOf('gone', 'x', { ...context, plugin })).toMatchObject({ fix: 'Choose Acme API v2, save, and press Try again.', field: 'api' });
  });

  it('is none when the plugin words a failure without one, even where the host would name one', () => {
    const plugin: ConnectionPlugin = {
      ...fakePlugin(),
      explainFailure: (kind) => (kind === 'unknown_client' ? { meaning: 'Acme does not know the key.', fix: 'Ask Acme support to restore the key.' } : undefined),
    };
    expect(tryFailureOf('unknown_client', 'x', { ...context, plugin })).not.toHaveProperty('field');
  });
});
