import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin, TryFailureKind } from '../../../../src/connections/plugin.js';
import { tryFailureOf } from '../../../../src/dashboard/try/try_failure_explanation.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/**
 * A failed TRY of a plugin that explains nothing itself (no explainFailure, which plugin.ts makes
 * optional) reads the host's words, and a plugin is never asked about an API it does not offer.
 */
const context = { callbackUrl: 'https://acme.example.com/login/callback', api: 'acme-v2', requestedPermissions: ['steps'] };
const KINDS: TryFailureKind[] = ['invalid_client', 'redirect_uri_mismatch', 'access_denied', 'gone', 'rate_limited', 'unknown_client', 'expired', 'not_configured', 'unknown'];

describe('a failed TRY of a plugin that leaves its explanations to the host', () => {
  const { explainFailure: _left, ...rest } = fakePlugin();
  const silent: ConnectionPlugin = rest;

  it.each(KINDS)('explains %s in the host’s words, field included', (kind) => {
    expect(tryFailureOf(kind, 'x', { ...context, plugin: silent })).toEqual(tryFailureOf(kind, 'x', context));
  });
});

describe('a failed TRY of an API the plugin no longer offers', () => {
  it('asks the plugin nothing about it and says in the host’s words that the API is gone from the plugin', () => {
    const asked: string[] = [];
    const plugin: ConnectionPlugin = { ...fakePlugin(), explainFailure: (_kind, tried) => (asked.push(tried.api), { meaning: 'Acme words.', fix: 'Acme fix.' }) };
    const failure = tryFailureOf('not_configured', 'x', { ...context, api: 'acme-v0', plugin });
    expect(asked).toEqual([]);
    expect(failure).toMatchObject({ meaning: expect.stringContaining('set to the acme-v0 API, which this version of its plugin no longer offers'), field: 'api' });
    // The same plugin words a failure of an API it offers.
    expect(tryFailureOf('not_configured', 'x', { ...context, plugin })).toMatchObject({ meaning: 'Acme words.' });
  });
});
