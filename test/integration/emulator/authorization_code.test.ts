import { describe, expect, it } from '@jest/globals';
import {
  DEMO,
  approvedRedirect,
  basicAuth,
  emulatorEndpoints,
  pkcePair,
  postForm,
} from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const legacyAuth = () => basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret);
const googleCredentials = { client_id: DEMO.googleServer.clientId, client_secret: DEMO.googleServer.clientSecret };

async function legacyCode(params: Record<string, string | undefined> = {}): Promise<string> {
  const redirect = await approvedRedirect(emulator.url, 'fitbit-legacy', 'alice', params);
  return redirect.searchParams.get('code') ?? '';
}

async function googleCode(params: Record<string, string | undefined> = {}): Promise<string> {
  const redirect = await approvedRedirect(emulator.url, 'google-health', 'alice', params);
  return redirect.searchParams.get('code') ?? '';
}

function legacyExchange(form: Record<string, string | undefined>) {
  return postForm(emulatorEndpoints(emulator.url).legacy.token, { grant_type: 'authorization_code', redirect_uri: DEMO.callback, ...form }, legacyAuth());
}

function googleExchange(form: Record<string, string | undefined>) {
  return postForm(emulatorEndpoints(emulator.url).google.token, {
    grant_type: 'authorization_code',
    redirect_uri: DEMO.callback,
    ...googleCredentials,
    ...form,
  });
}

describe('authorization codes are single use', () => {
  it('refuses a legacy code the second time with Fitbit\'s invalid_grant body', async () => {
    const code = await legacyCode();
    expect((await legacyExchange({ code })).status).toBe(200);
    const again = await legacyExchange({ code });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ errors: [{ errorType: 'invalid_grant', message: 'Authorization code invalid' }], success: false });
  });

  it('refuses a Google code the second time with an RFC 6749 invalid_grant', async () => {
    const code = await googleCode();
    expect((await googleExchange({ code })).status).toBe(200);
    const again = await googleExchange({ code });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });

  it('counts each successful exchange once', async () => {
    await legacyExchange({ code: await legacyCode() });
    await googleExchange({ code: await googleCode() });
    const counters = emulator.control.counters();
    expect(counters['fitbit-legacy'].codeExchanges).toBe(1);
    expect(counters['google-health'].codeExchanges).toBe(1);
  });
});

describe('authorization codes expire', () => {
  it('accepts a code just inside its ten minutes and refuses it after', async () => {
    const fresh = await legacyCode();
    emulator.control.advanceClock(599);
    expect((await legacyExchange({ code: fresh })).status).toBe(200);

    const stale = await legacyCode();
    emulator.control.advanceClock(601);
    expect((await legacyExchange({ code: stale })).status).toBe(400);
  });

  it('follows a shorter code TTL set through settings', async () => {
    emulator.control.setSettings({ codeTtlSeconds: 5 });
    const code = await googleCode();
    emulator.control.advanceClock(6);
    expect((await googleExchange({ code })).body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('authorization codes are bound to the client and the redirect_uri', () => {
  it('refuses a legacy code redeemed by another app', async () => {
    const code = await legacyCode();
    const other = await postForm(emulatorEndpoints(emulator.url).legacy.token, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: DEMO.callback,
      client_id: DEMO.legacyClient.clientId,
    });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ errors: [{ errorType: 'invalid_grant' }] });
  });

  // [uncertain] The words are documented for the authorize page (invalid_request), not for the token
  // endpoint: this body is the emulator's guess (src/emulator/tokens/legacy_grants.ts).
  it('refuses a legacy exchange whose redirect_uri differs from the authorize request\'s', async () => {
    const result = await legacyExchange({ code: await legacyCode(), redirect_uri: `${DEMO.callback}/` });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'invalid_grant', message: 'Invalid redirect_uri parameter value' }] });
  });

  it('refuses a Google exchange with another redirect_uri with redirect_uri_mismatch', async () => {
    const result = await googleExchange({ code: await googleCode(), redirect_uri: 'http://localhost:3000/other' });
    expect(result.body).toEqual({ error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
  });

  it('requires the redirect_uri at the token endpoint when the authorize request sent one', async () => {
    const result = await googleExchange({ code: await googleCode(), redirect_uri: undefined });
    expect(result.body).toMatchObject({ error: 'redirect_uri_mismatch' });
  });
});

describe('authorization codes are bound to the PKCE challenge', () => {
  it('accepts the S256 verifier and refuses another one', async () => {
    const { verifier, challenge } = pkcePair();
    const good = await legacyCode({ code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await legacyExchange({ code: good, code_verifier: verifier })).status).toBe(200);

    const bad = await legacyCode({ code_challenge: challenge, code_challenge_method: 'S256' });
    const result = await legacyExchange({ code: bad, code_verifier: pkcePair().verifier });
    expect(result.body).toMatchObject({ errors: [{ errorType: 'invalid_grant', message: 'Code verifier invalid' }] });
  });

  it('treats a challenge without a method as plain', async () => {
    const { verifier } = pkcePair();
    const code = await googleCode({ code_challenge: verifier });
    expect((await googleExchange({ code, code_verifier: verifier })).status).toBe(200);
  });

  it('refuses an exchange that leaves out the verifier', async () => {
    const { challenge } = pkcePair();
    const legacy = await legacyExchange({ code: await legacyCode({ code_challenge: challenge, code_challenge_method: 'S256' }) });
    expect(legacy.body).toMatchObject({ errors: [{ errorType: 'invalid_request', message: 'Missing parameters: code_verifier' }] });
    const google = await googleExchange({ code: await googleCode({ code_challenge: challenge, code_challenge_method: 'S256' }) });
    expect(google.body).toEqual({ error: 'invalid_grant', error_description: 'Missing code verifier.' });
  });
});
