import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-client-settings', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

const SETTINGS = {
  description: 'The web app',
  logo_uri: 'https://app.example/logo.png',
  initiate_login_uri: 'https://app.example/login',
  oidc_conformant: true,
  is_first_party: false,
  sso_disabled: true,
  cross_origin_authentication: true,
  client_metadata: { team: 'web' },
  jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 600 },
  refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', leeway: 10, token_lifetime: 86400, idle_token_lifetime: 3600 },
};

describe("Auth0's client settings", () => {
  it('stores what POST sends, returns it, and applies it to the stored client', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Web', ...SETTINGS }).expect(201);

    expect(created.body).toMatchObject({
      ...SETTINGS,
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 600, secret_encoded: false },
      refresh_token: { ...SETTINGS.refresh_token, infinite_token_lifetime: false, infinite_idle_token_lifetime: false },
    });
    const stored = await harness.store.clients.get(harness.tenant.name, created.body.client_id);
    expect(stored).toMatchObject({
      idTokenLifetimeSeconds: 600,
      refreshTokenPolicy: { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 10, tokenLifetimeSeconds: 86400, idleTokenLifetimeSeconds: 3600 },
    });
  });

  it('PATCH merges refresh_token over the stored policy and replaces the other settings it sends', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Web', ...SETTINGS }).expect(201);
    const patched = await harness
      .call('patch', `/clients/${created.body.client_id}`, admin, {
        description: 'Renamed',
        client_metadata: { owner: 'ada' },
        refresh_token: { rotation_type: 'non-rotating', expiration_type: 'non-expiring', infinite_token_lifetime: true },
      })
      .expect(200);

    expect(patched.body).toMatchObject({
      description: 'Renamed',
      client_metadata: { owner: 'ada' },
      logo_uri: SETTINGS.logo_uri,
      refresh_token: { rotation_type: 'non-rotating', expiration_type: 'non-expiring', leeway: 10, infinite_token_lifetime: true },
    });
    expect(patched.body.refresh_token).not.toHaveProperty('token_lifetime');
  });

  it('returns only the asked fields with fields / include_fields', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Fields', ...SETTINGS }).expect(201);
    const only = await harness.call('get', `/clients/${created.body.client_id}?fields=client_id,name,refresh_token`, admin).expect(200);
    expect(Object.keys(only.body).sort()).toEqual(['client_id', 'name', 'refresh_token']);

    const without = await harness.call('get', `/clients/${created.body.client_id}?fields=callbacks,refresh_token&include_fields=false`, admin).expect(200);
    expect(without.body).not.toHaveProperty('callbacks');
    expect(without.body).not.toHaveProperty('refresh_token');
    expect(without.body).toHaveProperty('client_id');

    const listed = await harness.call('get', '/clients?fields=client_id', admin).expect(200);
    expect(listed.body.every((client: object) => Object.keys(client).join() === 'client_id')).toBe(true);
  });

  it('refuses what it cannot honour, naming the property', async () => {
    const cases: [object, RegExp][] = [
      [{ jwt_configuration: { alg: 'HS256' } }, /Only RS256 is supported' on property jwt_configuration\.alg/],
      [{ jwt_configuration: { lifetime_in_seconds: 999999 } }, /on property jwt_configuration\.lifetime_in_seconds/],
      [{ refresh_token: { rotation_type: 'rotating', expiration_type: 'non-expiring' } }, /must be expiring' on property refresh_token\.expiration_type/],
      [{ refresh_token: { token_lifetime: 600, idle_token_lifetime: 3600 } }, /on property refresh_token\.idle_token_lifetime/],
      [{ logo_uri: 'javascript:alert(1)' }, /on property logo_uri/],
      [{ initiate_login_uri: 'http://app.example/login' }, /must use https.* on property initiate_login_uri/],
      [{ client_metadata: { n: 1 } }, /on property client_metadata\.n/],
    ];
    for (const [body, message] of cases) {
      const response = await harness.call('post', '/clients', admin, { name: 'Bad', ...body });
      expect({ status: response.status, message: response.body.message }).toEqual({ status: 400, message: expect.stringMatching(message) });
    }
  });
});
