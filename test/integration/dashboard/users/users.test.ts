import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import type { Identity, User } from '../../../../src/domain/types.js';
import { DEMO, emulatorEndpoints, getJson, googleLogin, startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/** Users: search, a user's identities with their connection status, deletion that revokes upstream. */
describe('users in the dashboard', () => {
  let emulator: TestEmulator;
  let harness: DashboardHarness;
  let agent: Agent;
  let liveAccessToken: string;

  function user(userId: string, name: string, identity: Partial<Identity>): User {
    const now = new Date().toISOString();
    return {
      tenant: 'default',
      userId,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
      identities: [
        { provider: 'fitbit', connection: 'fitbit', userId: userId.split('|')[1]!, isSocial: true, api: 'google-health', grantedScopes: ['profile'], status: 'connected', ...identity },
      ],
      loginsCount: 2,
      createdAt: now,
      updatedAt: now,
    };
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_UPSTREAM_BASE_URL: emulator.url } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health', ...DEMO.googleServer });
    const login = await googleLogin(emulator.url, { user: 'alice' });
    liveAccessToken = String(login.body.access_token);
    const { sealer } = harness.deps;
    await harness.store.users.create(
      user('fitbit|alice-4f1c2b7e', 'Alice Runner', { tokens: { accessToken: sealer.seal(liveAccessToken), expiresAt: Date.now() + 3_600_000 } }),
    );
    await harness.store.users.create(
      user('fitbit|bob-93d0aa15', 'Bob Walker', { status: 'needs_reauthorization', statusReason: 'refresh_token_rejected', statusChangedAt: '2026-11-20T10:00:00.000Z' }),
    );
  });
  afterAll(async () => {
    await harness.close();
    await emulator.close();
  });

  it('lists users and finds them by the start of their name', async () => {
    const all = await agent.get('/manage/t/default/users').expect(200);
    expect(all.text).toContain('Alice Runner');
    expect(all.text).toContain('Bob Walker');
    const found = await agent.get('/manage/t/default/users?q=bob').expect(200);
    expect(found.text).toContain('Bob Walker');
    expect(found.text).not.toContain('Alice Runner');
  });

  it('shows each identity\'s connection status, with the reason when it needs reauthorization, and never a token', async () => {
    const bob = await agent.get(`/manage/t/default/users/${encodeURIComponent('fitbit|bob-93d0aa15')}`).expect(200);
    expect(bob.text).toContain('<span class="nowrap status-needs_reauthorization">needs_reauthorization</span>');
    expect(bob.text).toContain('the upstream refused the stored refresh token');
    const alice = await agent.get(`/manage/t/default/users/${encodeURIComponent('fitbit|alice-4f1c2b7e')}`).expect(200);
    expect(alice.text).toContain('<span class="nowrap status-connected">connected</span>');
    expect(alice.text).not.toContain(liveAccessToken);
  });

  it('names an identity’s connection once when it is named after its strategy, and both when not', async () => {
    const { store } = harness;
    const alice = (await store.users.get('default', 'fitbit|alice-4f1c2b7e'))!;
    expect((await agent.get(`/manage/t/default/users/${encodeURIComponent(alice.userId)}`).expect(200)).text).toContain('<td data-label="Connection" class="nowrap">fitbit</td>');
    const stored = await store.users.update({ ...alice, identities: alice.identities.map((identity) => ({ ...identity, connection: 'fitbit-staff' })) });
    const renamed = await agent.get(`/manage/t/default/users/${encodeURIComponent(alice.userId)}`).expect(200);
    expect(renamed.text).toContain('<td data-label="Connection" class="nowrap">fitbit-staff (fitbit)</td>');
    await store.users.update({ ...stored, identities: alice.identities });
  });

  it('deletes a user after confirmation and revokes the upstream token', async () => {
    expect((await getJson(emulatorEndpoints(emulator.url).google.identity, liveAccessToken)).status).toBe(200);
    const path = `/manage/t/default/users/${encodeURIComponent('fitbit|alice-4f1c2b7e')}/delete`;
    const confirm = await agent.get(path).expect(200);
    expect(confirm.text).toContain('Delete Alice Runner?');
    const deleted = await submitForm(agent, path, path, {});
    expect(deleted.status).toBe(303);
    expect(await harness.store.users.get('default', 'fitbit|alice-4f1c2b7e')).toBeUndefined();
    expect((await getJson(emulatorEndpoints(emulator.url).google.identity, liveAccessToken)).status).toBe(401);
  });
});
