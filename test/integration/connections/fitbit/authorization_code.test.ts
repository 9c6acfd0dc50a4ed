import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import type { FitbitApi, StateStore } from '../../../../src/connections/fitbit/index.js';
import { useEmulator } from '../../../support/use_emulator.js';
import { callbackOutcome, passportAppFor, signedIn } from './passport_app.js';

/**
 * A state store that keeps each verifier after use, so a test can present the same callback twice
 * and see what the upstream says about the reused code (the default store would refuse the state).
 */
class KeepingStateStore implements StateStore {
  private readonly verifiers = new Map<string, string>();
  private next = 0;

  store(_req: Request, verifier: string, _state: unknown, _meta: unknown, callback: (error: Error | null, handle?: string) => void): void {
    const handle = `state-${++this.next}`;
    this.verifiers.set(handle, verifier);
    callback(null, handle);
  }

  verify(_req: Request, providedState: string, callback: (error: Error | null, verifier: string | false) => void): void {
    callback(null, this.verifiers.get(providedState) ?? false);
  }
}

const emulator = useEmulator({ resetAfterEach: false });

describe.each(['fitbit-legacy', 'google-health'] as FitbitApi[])('authorization codes in %s mode', (api) => {
  const currentApp = passportAppFor(() => emulator, api, { store: new KeepingStateStore() });

  it('rejects a code presented a second time as invalid_grant', async () => {
    const first = await currentApp().signIn({ user: 'alice' });
    signedIn(first);
    const second = await currentApp().visitCallback(first.kind === 'callback' ? first.callbackUrl : '');
    expect(second.error).toMatchObject({ kind: 'invalid_grant', status: 400, upstreamCode: 'invalid_grant' });
  });

  it('rejects a code older than ten minutes as invalid_grant', async () => {
    const callbackUrl = await currentApp().authorize({ user: 'alice' });
    emulator.control.advanceClock(601);
    const outcome = await currentApp().visitCallback(callbackUrl);
    expect(outcome.error).toMatchObject({ kind: 'invalid_grant', status: 400 });
  });

  it('refuses a callback whose state the store does not know, before any code exchange', async () => {
    const exchanges = emulator.control.counters()[api].codeExchanges;
    const outcome = await currentApp().visitCallback(`${currentApp().callbackUrl}?code=abc&state=forged`);
    expect(outcome).toMatchObject({ status: 401, user: false });
    expect(emulator.control.counters()[api].codeExchanges).toBe(exchanges);
  });
});

describe('the default session state store', () => {
  const app = passportAppFor(() => emulator, 'fitbit-legacy');

  it('refuses the same callback twice, because the state is spent with the first', async () => {
    const first = await app().signIn({ user: 'bob' });
    expect(callbackOutcome(first).status).toBe(200);
    const second = await app().visitCallback(first.kind === 'callback' ? first.callbackUrl : '');
    expect(second).toMatchObject({ status: 401, user: false, info: { message: expect.stringMatching(/state/) } });
  });
});
