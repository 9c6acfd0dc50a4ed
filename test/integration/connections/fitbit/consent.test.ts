import { describe, expect, it } from '@jest/globals';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { GOOGLE_HEALTH } from '../../../support/emulator.js';
import { useEmulator } from '../../../support/use_emulator.js';
import { callbackOutcome, passportAppFor, signedIn, type PassportApp } from './passport_app.js';

const emulator = useEmulator({ resetAfterEach: false });

function appFor(api: FitbitApi): () => PassportApp {
  return passportAppFor(() => emulator, api, { scope: ['activity', 'nutrition', 'profile', 'sleep'] });
}

describe('consent in fitbit-legacy mode', () => {
  const app = appFor('fitbit-legacy');

  it('fails the login as access_denied, without an error, when the user denies', async () => {
    const outcome = callbackOutcome(await app().signIn({ user: 'alice', decision: 'deny' }));
    expect(outcome).toMatchObject({ status: 401, user: false, info: { kind: 'access_denied' } });
    expect(outcome.error).toBeUndefined();
  });

  it('signs in a user who unticked profile, with the token answer user_id as the id', async () => {
    const profileCallsBefore = emulator.control.counters()['fitbit-legacy'].apiCalls;
    const { profile } = signedIn(await app().signIn({ user: 'alice', scopes: ['activity', 'sleep'] }));
    expect(profile).toEqual({
      provider: 'fitbit',
      id: 'GGNJL9',
      grantedScopes: ['activity', 'sleep'],
      _json: { user_id: 'GGNJL9' },
      _raw: '{"user_id":"GGNJL9"}',
    });
    // profile.json would answer 403 insufficient_scope: it must not be called.
    expect(emulator.control.counters()['fitbit-legacy'].apiCalls).toBe(profileCallsBefore);
  });

  it('reports exactly the subset the user granted', async () => {
    const { profile } = signedIn(await app().signIn({ user: 'bob', scopes: ['nutrition', 'profile'] }));
    expect(profile).toMatchObject({ id: 'B0BW4K', displayName: 'Bob W.', grantedScopes: ['nutrition', 'profile'] });
  });
});

describe('consent in google-health mode', () => {
  const app = appFor('google-health');

  it('fails the login as access_denied, without an error, when the user denies', async () => {
    const outcome = callbackOutcome(await app().signIn({ user: 'alice', decision: 'deny' }));
    expect(outcome).toMatchObject({ status: 401, user: false, info: { kind: 'access_denied' } });
  });

  it('signs in a user who unticked profile, with the Health id and the id_token name and email', async () => {
    const granted = ['openid', 'email', 'profile', `${GOOGLE_HEALTH}activity_and_fitness.readonly`];
    const { profile } = signedIn(await app().signIn({ user: 'alice', scopes: granted }));
    expect(profile).toMatchObject({
      id: 'alice-4f1c2b7e',
      legacyUserId: 'GGNJL9',
      displayName: 'Alice Runner',
      emails: [{ value: 'alice@example.com', verified: true }],
      grantedScopes: ['activity', 'cardio_fitness'],
    });
  });

  it('refuses the login with insufficient_scope when no granted scope can read the Health identity', async () => {
    // bob: alice's earlier grants would count, since the strategy asks for include_granted_scopes.
    const granted = ['openid', 'email', 'profile', `${GOOGLE_HEALTH}nutrition.readonly`];
    const outcome = callbackOutcome(await app().signIn({ user: 'bob', scopes: granted }));
    expect(outcome.error).toMatchObject({ kind: 'insufficient_scope', status: 403 });
  });
});
