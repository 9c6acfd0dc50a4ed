import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TOKEN_VAULT_PARAMS, addVaultApp, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

/**
 * Parameters an attacker bends: the same parameter twice (a form's repeat, which parsers disagree on:
 * first or last wins) is refused rather than picked from, as is a JSON value that is not a string;
 * an over-long subject token is simply unknown, and a body past the limit never reaches the grant.
 * None of them gets an upstream token.
 */
describe('the Token Vault exchange with odd parameters', () => {
  const { harness } = useHarnessWithEmulator('token-vault-odd-params');

  it('refuses repeated and non-string parameters, and answers oversized ones without a token', async () => {
    const user = await harness.seedUser('alice');
    const app = await addVaultApp(harness);
    const subject_token = await refreshTokenFor(harness, app, user);
    const post = () => request(harness.apps[0]!).post('/oauth/token').set('Host', harness.host);
    const base = { ...TOKEN_VAULT_PARAMS, client_id: app.client.clientId, client_secret: app.secret };
    const form = (extra: string) => `${new URLSearchParams({ ...base, subject_token }).toString()}&${extra}`;

    const cases: [string, request.Test, number, unknown][] = [
      ['subject_token twice', post().type('form').send(form('subject_token=not-a-refresh-token')), 400, 'invalid_request'],
      ['connection twice', post().type('form').send(form('connection=google-oauth2')), 400, 'invalid_request'],
      ['login_hint twice', post().type('form').send(form('login_hint=a&login_hint=b')), 400, 'invalid_request'],
      ['subject_token as a JSON array', post().send({ ...base, subject_token: [subject_token] }), 400, 'invalid_request'],
      ['connection as a JSON object', post().send({ ...base, subject_token, connection: { name: 'fitbit' } }), 400, 'invalid_request'],
      ['a 90 kB subject_token', post().type('form').send({ ...base, subject_token: 'x'.repeat(90_000) }), 400, 'invalid_grant'],
      ['a body over the limit', post().type('form').send({ ...base, subject_token, padding: 'x'.repeat(200_000) }), 413, expect.any(String)],
    ];
    for (const [what, pending, status, error] of cases) {
      const response = await pending;
      expect({ what, status: response.status, error: response.body.error }).toEqual({ what, status, error });
      expect(JSON.stringify(response.body)).not.toContain(subject_token);
      expect(response.body).not.toHaveProperty('access_token');
    }
    await post().send({ ...base, subject_token }).expect(200);
  });
});
