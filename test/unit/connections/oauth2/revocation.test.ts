import { describe, expect, it } from '@jest/globals';
import type { EndpointClient } from '../../../../src/connections/oauth2/client_authentication.js';
import { UpstreamOAuthError } from '../../../../src/connections/oauth2/errors/oauth_error.js';
import { revokeToken, type RevocationRequest } from '../../../../src/connections/oauth2/revocation.js';
import { recordingPort } from './recording_port.js';

const ACCEPTED = { status: 200, headers: {}, body: '' };

async function revoked(request: Partial<Pick<RevocationRequest, 'tokenParameter' | 'client'>>) {
  const { calls, upstreamFetch } = recordingPort(ACCEPTED);
  await revokeToken({
    url: 'https://upstream.example/oauth/revoke',
    token: 'the-token',
    upstreamFetch,
    timeoutMs: 5_000,
    refusal: (refused) => new UpstreamOAuthError({ operation: refused.operation, status: refused.status, upstreamCode: 'refused' }),
    ...request,
  });
  return calls.map(({ operation, url, method, headers, form }) => ({ operation, url, method, authorization: headers.authorization, form }));
}

const BASIC = `Basic ${Buffer.from('the-client:s3cret').toString('base64')}`;

describe('revokeToken', () => {
  it('by default POSTs RFC 7009’s `token` alone, with no client authentication, reported as revoke', async () => {
    expect(await revoked({})).toEqual([
      { operation: 'revoke', url: 'https://upstream.example/oauth/revoke', method: 'POST', authorization: undefined, form: { token: 'the-token' } },
    ]);
  });

  it('sends the token under the parameter the caller names (Strava’s deauthorize takes access_token)', async () => {
    expect((await revoked({ tokenParameter: 'access_token' })).map((call) => call.form)).toEqual([{ access_token: 'the-token' }]);
  });

  it.each<[string, EndpointClient, string | undefined, Record<string, string>]>([
    ['client_secret_basic', { method: 'client_secret_basic', clientID: 'the-client', clientSecret: 's3cret' }, BASIC, { token: 'the-token' }],
    ['client_secret_post', { method: 'client_secret_post', clientID: 'the-client', clientSecret: 's3cret' }, undefined, { token: 'the-token', client_id: 'the-client', client_secret: 's3cret' }],
    ['none', { method: 'none', clientID: 'the-client' }, undefined, { token: 'the-token', client_id: 'the-client' }],
  ])('authenticates the client as the caller chose: %s', async (_method, client, authorization, form) => {
    expect(await revoked({ client })).toEqual([expect.objectContaining({ authorization, form })]);
  });

  it('combines a named token parameter with the chosen client authentication', async () => {
    expect(await revoked({ tokenParameter: 'access_token', client: { method: 'client_secret_basic', clientID: 'the-client', clientSecret: 's3cret' } })).toEqual([
      expect.objectContaining({ authorization: BASIC, form: { access_token: 'the-token' } }),
    ]);
  });
});
