import { describe, expect, it } from '@jest/globals';
import { DEMO, basicAuth, emulatorEndpoints, legacyLogin, postForm } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const introspect = (token: string, headers: Record<string, string>) =>
  postForm(emulatorEndpoints(emulator.url).legacy.introspect, { token }, headers);

describe('legacy token introspection', () => {
  it('describes an active token in Fitbit\'s format, authorised by a bearer token', async () => {
    const tokens = await legacyLogin(emulator.url, { user: 'alice', scopes: ['activity', 'profile'] });
    const access = String(tokens.body.access_token);
    const result = await introspect(access, { authorization: `Bearer ${access}` });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      active: true,
      scope: '{ACTIVITY=READ, PROFILE=READ}',
      client_id: DEMO.legacyServer.clientId,
      user_id: 'GGNJL9',
      token_type: 'access_token',
    });
    const body = result.body as { exp: number; iat: number };
    expect(body.exp - body.iat).toBe(28_800_000);
  });

  it('reports an expired or revoked token as inactive', async () => {
    const caller = await legacyLogin(emulator.url, { user: 'bob' });
    const subject = await legacyLogin(emulator.url, { user: 'alice', app: DEMO.legacyClient });
    emulator.control.expireAccessTokens({ login: 'alice' });
    const auth = basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret);
    expect((await introspect(String(subject.body.access_token), auth)).body).toEqual({ active: false });
    expect((await introspect('not-a-token', { authorization: `Bearer ${String(caller.body.access_token)}` })).body).toEqual({ active: false });
  });

  it('refuses a caller without a valid token or credentials', async () => {
    const result = await introspect('anything', { authorization: 'Bearer nope' });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'invalid_token' }], success: false });
  });
});
