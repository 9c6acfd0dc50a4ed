import { describe, expect, it } from '@jest/globals';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { useEmulator } from '../../../support/use_emulator.js';
import { passportAppFor, signedIn } from './passport_app.js';

// Google grants by area: heartrate's area also covers weight, temperature and the rest of its row.
const GRANTED: Record<FitbitApi, string[]> = {
  'fitbit-legacy': ['activity', 'heartrate', 'profile', 'sleep'],
  'google-health': ['activity', 'cardio_fitness', 'heartrate', 'oxygen_saturation', 'profile', 'respiratory_rate', 'sleep', 'temperature', 'weight'],
};

const emulator = useEmulator({ resetAfterEach: false });

describe.each([
  ['fitbit-legacy', 'server'],
  ['fitbit-legacy', 'client'],
  ['google-health', 'server'],
  ['google-health', 'client'],
] as Array<[FitbitApi, 'server' | 'client']>)('a %s %s app signs a user in', (api, type) => {
  const app = passportAppFor(() => emulator, api, { type, scope: ['activity', 'heartrate', 'profile', 'sleep'] });

  it('gets tokens and the normalised profile with every requested scope granted', async () => {
    const exchangesBefore = emulator.control.counters()[api].codeExchanges;
    const user = signedIn(await app().signIn({ user: 'alice' }));
    expect(user.accessToken).toEqual(expect.any(String));
    expect(user.refreshToken).toEqual(expect.any(String));
    expect(user.profile).toMatchObject({ provider: 'fitbit', grantedScopes: GRANTED[api] });
    expect(emulator.control.counters()[api].codeExchanges).toBe(exchangesBefore + 1);
  });

  it(api === 'fitbit-legacy' ? 'uses encodedId as the id and has no email' : 'uses healthUserId as the id and carries legacyUserId and the email', async () => {
    const { profile } = signedIn(await app().signIn({ user: 'alice' }));
    if (api === 'fitbit-legacy') {
      expect(profile).toMatchObject({ id: 'GGNJL9', displayName: 'Alice R.', name: { givenName: 'Alice', familyName: 'Runner' } });
      expect(profile).not.toHaveProperty('emails');
    } else {
      expect(profile).toMatchObject({
        id: 'alice-4f1c2b7e',
        legacyUserId: 'GGNJL9',
        displayName: 'Alice Runner',
        emails: [{ value: 'alice@example.com', verified: true }],
      });
    }
  });

  it('hands verify the token answer as passport-oauth2 params', async () => {
    const { params } = signedIn(await app().signIn({ user: 'bob' }));
    expect(params).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number) });
    expect(params).toHaveProperty(api === 'fitbit-legacy' ? 'user_id' : 'id_token');
  });
});
