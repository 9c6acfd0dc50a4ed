import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { useEmulator } from '../../../support/use_emulator.js';
import { passportAppFor, signedIn } from './passport_app.js';

/** A host-style state store: keeps the pending authorization (passport's object state) with the verifier. */
class PendingAuthorizationStore {
  readonly pending = new Map<string, { verifier: string; state: unknown }>();

  store(_req: Request, verifier: string, state: unknown, _meta: unknown, callback: (error: Error | null, handle?: string) => void): void {
    const handle = `tx-${this.pending.size + 1}`;
    this.pending.set(handle, { verifier, state });
    callback(null, handle);
  }

  verify(_req: Request, providedState: string, callback: (error: Error | null, verifier: string | false) => void): void {
    const entry = this.pending.get(providedState);
    this.pending.delete(providedState);
    callback(null, entry?.verifier ?? false);
  }
}

const emulator = useEmulator({ resetAfterEach: false });

describe.each(['fitbit-legacy', 'google-health'] as FitbitApi[])('fitbitPlugin.createStrategy in %s mode', (api) => {
  const store = new PendingAuthorizationStore();
  const app = passportAppFor(() => emulator, api, { viaPlugin: true, store, scope: ['sleep', 'profile'] });

  it('hands the host verify the tokens with expiry and granted scopes, and the profile', async () => {
    const user = signedIn(await app().signIn({ user: 'alice' }));
    expect(user.params).toEqual({
      accessToken: user.accessToken,
      refreshToken: expect.any(String),
      expiresIn: api === 'fitbit-legacy' ? 28_800 : 3599,
      grantedScopes: user.profile.grantedScopes,
    });
    expect(user.profile.grantedScopes).toEqual(expect.arrayContaining(['profile', 'sleep']));
    expect(user.profile.id).toBe(api === 'fitbit-legacy' ? 'GGNJL9' : 'alice-4f1c2b7e');
  });

  it("keeps state and verifier in the host's store, not in a session", async () => {
    const callbackUrl = await app().authorize({ user: 'bob' });
    const state = new URL(callbackUrl).searchParams.get('state') ?? '';
    expect(store.pending.has(state)).toBe(true);
    await app().visitCallback(callbackUrl);
    expect(store.pending.has(state)).toBe(false);
  });
});
