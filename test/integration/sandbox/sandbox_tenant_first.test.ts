import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';

const CALLBACK = `http://${HOST}/login/callback`;
const JWKS_PATH = '/_sandbox/www.googleapis.com/oauth2/v3/certs';

/**
 * The emulators of a single process answer where a worker's proxy does: on a tenant's host, and,
 * for fitgate's own calls, on the loopback address its back channel names; any other host gets the
 * unknown-host answer, as every fitgate path does.
 */
describe('the in-process sandbox’s hosts', () => {
  let harness: DashboardHarness;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  });
  afterAll(() => harness.close());

  const consentPath = () => {
    const sandbox = harness.deps.sandbox!;
    const { clientID } = sandbox.credentialsFor('fitbit', 'google-health', CALLBACK)!;
    const query = new URLSearchParams({ client_id: clientID, redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', state: 's' });
    return `/_sandbox/accounts.google.com/o/oauth2/v2/auth?${query}`;
  };

  it('serves the emulators’ pages on a tenant’s host', async () => {
    const page = await request(harness.app).get(consentPath()).set('Host', HOST).expect(200);
    expect(page.text).toContain('Sandbox: no real Fitbit account is used.');
  });

  it('answers any other host as an unknown host, without reaching an emulator', async () => {
    const page = await request(harness.app).get(consentPath()).set('Host', 'attacker.example').expect(404);
    expect(page.text).not.toContain('Sandbox: no real Fitbit account is used.');
    expect(page.text).toContain('attacker.example');
  });

  it('lets fitgate’s own back channel through on its loopback address', async () => {
    const backChannel = new URL(harness.deps.sandbox!.backChannelUrl());
    const answer = await fetch(`${backChannel.origin}${JWKS_PATH}`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
  });
});
