import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { HOST, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit, pressTry, runTry, startTry } from '../try_helpers.js';

/** The Fitbit connection's sandbox banner, word for word (each banner names its connection's plugin). */
const SANDBOX_NOTICE = 'Sandbox: no real Fitbit account is used.';

/** A connection without credentials, with FITGATE_SANDBOX on: TRY runs through the Fitbit plugin's sandbox. */
describe('TRY in sandbox mode', () => {
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
  });
  afterAll(() => harness.close());

  /** The browser at the sandbox, on the tenant's own host. */
  async function sandboxConsent(authorizeUrl: string, answer: Record<string, string>): Promise<URL> {
    const url = new URL(authorizeUrl);
    expect(`${url.protocol}//${url.host}`).toBe(`http://${HOST}`);
    expect(url.pathname.startsWith('/_sandbox/')).toBe(true);
    for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
    const response = await agent.get(`${url.pathname}${url.search}`).expect(302);
    return new URL(String(response.headers.location));
  }

  it('says on the page that continues to the sandbox that no real Fitbit account is used', async () => {
    expect((await pressTry(agent, 200)).text).toContain(SANDBOX_NOTICE);
  });

  it('says on the upstream consent page that no real Fitbit account is used', async () => {
    const url = new URL(await startTry(agent));
    const consent = await agent.get(`${url.pathname}${url.search}`).expect(200);
    expect(consent.text).toContain(SANDBOX_NOTICE);
  });

  it('logs in without any credentials and says so on the "It works!" page', async () => {
    const page = await runTry(agent, (url) => sandboxConsent(url, { emulator_user: 'alice' }));
    expect(page).toContain('It works!');
    expect(page).toContain('alice-4f1c2b7e');
    expect(page).toContain(SANDBOX_NOTICE);
  });

  it('shows its consent page at every TRY and brings a refresh token each time (TRY asks for consent)', async () => {
    for (let run = 0; run < 2; run += 1) {
      const url = new URL(await startTry(agent));
      expect(url.searchParams.get('prompt')).toBe('consent');
      // The page a person sees: no earlier grant (sandbox grants are shared by every tenant) skips it.
      expect((await agent.get(`${url.pathname}${url.search}`).expect(200)).text).toContain('Sign in as test user');
    }
    for (let run = 0; run < 2; run += 1) {
      const page = await runTry(agent, (url) => sandboxConsent(url, { emulator_user: 'bob' }));
      expect(page).toContain('&quot;refresh_token&quot;: &quot;[redacted]&quot;');
      expect(page).not.toContain('No refresh token came back.');
    }
  });

  it('says so on the failure page too', async () => {
    const page = await runTry(agent, (url) => sandboxConsent(url, { emulator_user: 'alice', emulator_decision: 'deny' }));
    expect(page).toContain('The user declined');
    expect(page).toContain(SANDBOX_NOTICE);
  });
});
