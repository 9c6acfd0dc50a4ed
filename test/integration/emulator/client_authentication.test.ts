import { describe, expect, it } from '@jest/globals';
import {
  DEMO,
  approvedRedirect,
  approveUrl,
  authorizeRedirect,
  basicAuth,
  buildAuthorizeUrl,
  emulatorEndpoints,
  legacyLogin,
  postForm,
} from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

async function code(api: 'fitbit-legacy' | 'google-health', clientId: string, user = 'alice'): Promise<string> {
  const redirect = await approvedRedirect(emulator.url, api, user, { client_id: clientId });
  return redirect.searchParams.get('code') ?? redirect.searchParams.get('error') ?? '';
}

const legacyToken = () => emulatorEndpoints(emulator.url).legacy.token;
const googleToken = () => emulatorEndpoints(emulator.url).google.token;

describe('legacy client authentication follows the app type', () => {
  it('accepts a server app with HTTP Basic credentials', async () => {
    const result = await legacyLogin(emulator.url, { user: 'alice' });
    expect(result.status).toBe(200);
  });

  it('refuses a server app with a wrong secret with 401 invalid_client', async () => {
    const result = await postForm(
      legacyToken(),
      { grant_type: 'authorization_code', code: await code('fitbit-legacy', DEMO.legacyServer.clientId), redirect_uri: DEMO.callback },
      basicAuth(DEMO.legacyServer.clientId, 'wrong-secret'),
    );
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'invalid_client' }], success: false });
  });

  it('refuses a server app that sends client_id in the body instead of Basic', async () => {
    const result = await postForm(legacyToken(), {
      grant_type: 'authorization_code',
      code: await code('fitbit-legacy', DEMO.legacyServer.clientId),
      redirect_uri: DEMO.callback,
      client_id: DEMO.legacyServer.clientId,
    });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'invalid_client' }] });
  });

  it('refuses a malformed Authorization header', async () => {
    const result = await postForm(legacyToken(), { grant_type: 'authorization_code', code: 'x' }, { authorization: 'Basic !!!' });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'invalid_client', message: 'Invalid authorization header format.' }] });
  });

  it('accepts a client app by client_id in the body with no secret', async () => {
    const result = await legacyLogin(emulator.url, { user: 'bob', app: DEMO.legacyClient });
    expect(result.status).toBe(200);
    expect(result.body.user_id).toBe('B0BW4K');
  });

  it('lets only its owner authorize a personal app; others get unauthorized_client', async () => {
    const owner = await legacyLogin(emulator.url, { user: DEMO.legacyPersonal.owner, app: DEMO.legacyPersonal });
    expect(owner.status).toBe(200);
    const redirect = await authorizeRedirect(
      approveUrl(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { client_id: DEMO.legacyPersonal.clientId }), { user: 'bob' }),
    );
    expect(redirect.searchParams.get('error')).toBe('unauthorized_client');
    expect(redirect.searchParams.has('code')).toBe(false);
  });
});

describe('Google client authentication', () => {
  const form = async (extra: Record<string, string | undefined>) => ({
    grant_type: 'authorization_code',
    code: await code('google-health', DEMO.googleServer.clientId),
    redirect_uri: DEMO.callback,
    ...extra,
  });

  it('accepts client_id and client_secret in the body', async () => {
    const result = await postForm(googleToken(), await form({ client_id: DEMO.googleServer.clientId, client_secret: DEMO.googleServer.clientSecret }));
    expect(result.status).toBe(200);
  });

  it('accepts HTTP Basic credentials', async () => {
    const result = await postForm(googleToken(), await form({}), basicAuth(DEMO.googleServer.clientId, DEMO.googleServer.clientSecret));
    expect(result.status).toBe(200);
  });

  it('refuses a wrong secret with 401 invalid_client', async () => {
    const result = await postForm(googleToken(), await form({ client_id: DEMO.googleServer.clientId, client_secret: 'nope' }));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });
  });

  it('refuses a web app that leaves out its secret', async () => {
    const result = await postForm(googleToken(), await form({ client_id: DEMO.googleServer.clientId }));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: 'invalid_request', error_description: 'client_secret is missing.' });
  });

  it('refuses an unknown client', async () => {
    const result = await postForm(googleToken(), await form({ client_id: 'who.apps.googleusercontent.com', client_secret: 'x' }));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: 'invalid_client', error_description: 'The OAuth client was not found.' });
  });

  it('accepts a public client by client_id alone', async () => {
    const result = await postForm(googleToken(), {
      grant_type: 'authorization_code',
      code: await code('google-health', DEMO.googlePublic.clientId),
      redirect_uri: DEMO.callback,
      client_id: DEMO.googlePublic.clientId,
    });
    expect(result.status).toBe(200);
  });
});
