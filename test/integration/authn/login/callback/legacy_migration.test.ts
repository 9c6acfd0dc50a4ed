import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { AuthorizationCodeRecord } from '../../../../../src/authn/codes/authorization_code.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';

// The sandbox registers a legacy Fitbit app and a Google app of its own, so the legacy token can be
// revoked with the credentials that issued it after the connection moves to google-health.
describeEachStore('migration from legacy Fitbit to Google Health at login', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'sandbox' }, api: 'fitbit-legacy' });
    fitgate.upstream.setAutoConsent({ user: 'alice', decision: 'approve' });
  });
  afterAll(() => fitgate.close());

  async function login(): Promise<AuthorizationCodeRecord | undefined> {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    return fitgate.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', arrivedAt?.searchParams.get('code') ?? '');
  }

  it('keeps the same user_id (so the same sub), stores the Google tokens, then revokes the legacy token', async () => {
    const legacy = await login();
    expect(legacy?.userId).toBe('fitbit|GGNJL9');
    const before = fitgate.upstream.counters();

    await fitgate.updateConnection({ api: 'google-health' });
    const google = await login();

    expect(google?.userId).toBe('fitbit|GGNJL9');
    const user = await fitgate.store.users.get(fitgate.tenant, 'fitbit|GGNJL9');
    expect(user?.identities).toHaveLength(1);
    expect(user?.identities[0]).toMatchObject({ api: 'google-health', userId: 'alice-4f1c2b7e', legacyUserId: 'GGNJL9', status: 'connected' });
    expect(user?.loginsCount).toBe(2);

    const after = fitgate.upstream.counters();
    expect(after['fitbit-legacy'].revocations).toBe(before['fitbit-legacy'].revocations + 1);
    expect(after['google-health'].revocations).toBe(before['google-health'].revocations);
    // The stored token is Google's: the emulator's Google API accepts it.
    const token = fitgate.deps.sealer.open(user!.identities[0]!.tokens!.accessToken);
    const identity = await fetch(`${fitgate.url}/_sandbox/health.googleapis.com/v4/users/me/identity`, { headers: { authorization: `Bearer ${token}` } });
    expect(identity.status).toBe(200);
  });

  it('records the migration in the login event', async () => {
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 5, type: 's' });
    expect(items.some((event) => /moved from the Legacy Fitbit Web API to the Google Health API \(legacy token revoked\)/.test(event.description ?? ''))).toBe(true);
  });
});
