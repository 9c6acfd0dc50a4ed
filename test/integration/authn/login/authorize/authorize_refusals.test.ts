import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { updateConnection } from '../../../../../src/domain/connection_updates.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const emulator = useEmulator();

describeEachStore('/authorize refusals', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** The error the client receives at its redirect_uri, after no more than fitgate's own redirect. */
  async function clientError(params: Record<string, string | undefined>): Promise<URLSearchParams> {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ state: 'st-1', ...params }));
    expect(response.status).toBe(302);
    expect(response.location?.href.startsWith(`${CLIENT_CALLBACK}?`)).toBe(true);
    return response.location!.searchParams;
  }

  it('shows an unknown client a page and never redirects', async () => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ client_id: 'no-such-client' }));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain('no-such-client');
    expect(response.text).toContain('<html');
  });

  it('shows a redirect_uri that is not exactly a registered callback a page and never redirects', async () => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ redirect_uri: `${CLIENT_CALLBACK}/` }));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain('Allowed Callback URLs');
  });

  it('refuses a public client without PKCE through its redirect_uri, with its state and iss', async () => {
    const error = await clientError({ client_id: fitgate.spaClient.clientId });
    expect(error.get('error')).toBe('invalid_request');
    expect(error.get('error_description')).toContain('PKCE is required');
    expect(error.get('state')).toBe('st-1');
    expect(error.get('iss')).toBe(`${fitgate.tenantUrl}/`);
  });

  it('refuses the plain PKCE method', async () => {
    const error = await clientError({ client_id: fitgate.spaClient.clientId, code_challenge: CHALLENGE, code_challenge_method: 'plain' });
    expect(error.get('error')).toBe('invalid_request');
    expect(error.get('error_description')).toContain('S256');
  });

  it('refuses a connection that is not enabled for the client', async () => {
    const { tenant, id } = fitgate.connection;
    await updateConnection(fitgate.store.connections, tenant, id, (current) => ({ ...current, enabledClients: [fitgate.spaClient.clientId] }));
    try {
      const error = await clientError({ connection: 'fitbit' });
      expect(error.get('error')).toBe('invalid_request');
      expect(error.get('error_description')).toContain('not enabled');
    } finally {
      await updateConnection(fitgate.store.connections, tenant, id, (current) => ({ ...fitgate.connection, revision: current.revision }));
    }
  });

  it('answers response_type=token with unsupported_response_type', async () => {
    const error = await clientError({ response_type: 'token' });
    expect(error.get('error')).toBe('unsupported_response_type');
  });

  it('answers prompt=none without a signed-in session with login_required', async () => {
    const error = await clientError({ prompt: 'none' });
    expect(error.get('error')).toBe('login_required');
  });
});
