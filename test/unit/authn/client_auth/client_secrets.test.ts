import { describe, expect, it } from '@jest/globals';
import { buildClient, hashClientSecret, verifyClientSecret } from '../../../../src/domain/clients.js';

describe('client secrets', () => {
  it('stores only the SHA-256 hex of a generated secret and returns the secret once', () => {
    const { client, clientSecret } = buildClient({ tenant: 'acme', name: 'Web app', appType: 'regular_web' });
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(client.clientSecretHash).toBe(hashClientSecret(clientSecret ?? ''));
    expect(JSON.stringify(client)).not.toContain(clientSecret);
  });

  it('accepts the right secret and refuses a wrong one, one of another length, or an empty one', () => {
    const { client, clientSecret = '' } = buildClient({ tenant: 'acme', name: 'Web app', appType: 'regular_web' });
    expect(verifyClientSecret(client, clientSecret)).toBe(true);
    expect(verifyClientSecret(client, `${clientSecret.slice(0, -1)}x`)).toBe(false);
    expect(verifyClientSecret(client, clientSecret.slice(1))).toBe(false);
    expect(verifyClientSecret(client, '')).toBe(false);
  });

  it('gives single-page and native apps no secret and the auth method none', () => {
    for (const appType of ['spa', 'native'] as const) {
      const { client, clientSecret } = buildClient({ tenant: 'acme', name: 'App', appType });
      expect(clientSecret).toBeUndefined();
      expect(client.clientSecretHash).toBeUndefined();
      expect(client.tokenEndpointAuthMethod).toBe('none');
      expect(verifyClientSecret(client, '')).toBe(false);
    }
  });

  it('gives machine-to-machine apps the client_credentials grant by default', () => {
    const { client } = buildClient({ tenant: 'acme', name: 'CI', appType: 'non_interactive', managementScopes: ['read:users'] });
    expect(client.grantTypes).toEqual(['client_credentials']);
    expect(client.managementScopes).toEqual(['read:users']);
  });

  it('keeps a chosen id and secret (bootstrap) and generates distinct ids otherwise', () => {
    const chosen = buildClient({ tenant: 'default', name: 'Bootstrap', appType: 'non_interactive', clientId: 'ci', clientSecret: 's3cret' });
    expect(chosen.client.clientId).toBe('ci');
    expect(verifyClientSecret(chosen.client, 's3cret')).toBe(true);
    const a = buildClient({ tenant: 'acme', name: 'A', appType: 'spa' }).client.clientId;
    const b = buildClient({ tenant: 'acme', name: 'B', appType: 'spa' }).client.clientId;
    expect(a).toHaveLength(32);
    expect(a).not.toBe(b);
  });
});
