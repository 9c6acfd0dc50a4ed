import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  DEMO,
  basicAuth,
  buildAuthorizeUrl,
  emulatorEndpoints,
  getJson,
  googleLogin,
  legacyLogin,
  postForm,
  startTestEmulator,
} from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

describe('legacy shutdown switch', () => {
  it('is off by default so the legacy mode stays testable', async () => {
    expect((await legacyLogin(emulator.url, { user: 'alice' })).status).toBe(200);
  });

  it('makes both legacy hosts answer 410 Gone: a page on www.fitbit.com, Fitbit JSON on api.fitbit.com', async () => {
    const tokens = await legacyLogin(emulator.url, { user: 'alice' });
    emulator.control.setLegacyShutdown(true);

    const authorize = await fetch(buildAuthorizeUrl(emulator.url, 'fitbit-legacy'), { redirect: 'manual' });
    expect(authorize.status).toBe(410);
    expect(authorize.headers.get('content-type')).toContain('text/html');

    const token = await postForm(
      emulatorEndpoints(emulator.url).legacy.token,
      { grant_type: 'refresh_token', refresh_token: String(tokens.body.refresh_token) },
      basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret),
    );
    expect(token.status).toBe(410);
    expect(token.body).toMatchObject({ errors: [{ errorType: 'gone', message: expect.stringContaining('Google Health API') }], success: false });
    // The parsers' fixture is this same body: neither is a recording (only the 410 is documented).
    expect(token.body).toEqual(JSON.parse(readFileSync(new URL('../../fixtures/fitbit/error_gone.json', import.meta.url), 'utf8')));
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, String(tokens.body.access_token))).status).toBe(410);
  });

  it('leaves the Google hosts alone', async () => {
    emulator.control.setLegacyShutdown(true);
    expect((await googleLogin(emulator.url, { user: 'alice' })).status).toBe(200);
  });

  it('is switched over HTTP at /_emulator/legacy-shutdown and can start on', async () => {
    const set = await fetch(`${emulator.url}/_emulator/legacy-shutdown`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(set.status).toBe(204);
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, 'x')).status).toBe(410);

    const shutDown = await startTestEmulator({ legacyShutdown: true });
    try {
      expect((await getJson(emulatorEndpoints(shutDown.url).legacy.profile, 'x')).status).toBe(410);
    } finally {
      await shutDown.close();
    }
  });
});
