import { describe, expect, it } from '@jest/globals';
import { tryFailureAtAuthorize } from '../../../../src/dashboard/try/authorize_refusal.js';
import { acmeFailure, fakePlugin } from '../../../support/fake_plugin.js';

const context = { callbackUrl: 'https://acme.example.com/login/callback', api: 'acme-v2', requestedPermissions: ['steps'], plugin: fakePlugin() };

/** What a refusal the authorize preflight found tells the admin. */
describe('a TRY refused at the upstream’s authorize page', () => {
  it('reads invalid_client as an unknown Client ID: only the id has been sent, never the secret', () => {
    const failure = tryFailureAtAuthorize(acmeFailure({ kind: 'invalid_client', operation: 'authorize', status: 401, upstreamCode: 'invalid_client' }), context);
    expect(failure).toMatchObject({ kind: 'unknown_client', upstreamSaid: 'authorize: HTTP 401 invalid_client', field: 'clientId' });
    expect(failure.meaning).toContain('does not know this Client ID');
  });

  it('keeps any other kind, quoting what the upstream said', () => {
    expect(tryFailureAtAuthorize(acmeFailure({ kind: 'gone', operation: 'authorize', status: 410, upstreamCode: 'Gone' }), context)).toMatchObject({
      kind: 'gone',
      upstreamSaid: 'authorize: HTTP 410 Gone',
    });
  });
});
