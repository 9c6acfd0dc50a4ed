import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LogEvent } from '../../../../../src/domain/types.js';
import { updateUser } from '../../../../../src/domain/user_updates.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../../../support/authn/management_token.js';
import { addThirdPartyApp, answerConsent, consentFormOf, type ThirdPartyApp } from '../../../../support/authn/third_party_app.js';
import { grantsOf } from '../../../../support/authn/user_grants_api.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';
const STATE = 'state-that-stays-out-of-the-log';

/**
 * The person's answer on the consent page is in the tenant's log. Decline is Auth0's failed login,
 * `f` "User did not authorize the request" (the words the application gets too); Accept is
 * fitgate's `consent_granted` with the grant's id; an Accept that cannot be honoured (the user
 * blocked meanwhile) is an `f` with what the application was told. Each names the application, the
 * connection, the user and the scopes asked, and carries no code, token or state.
 */
describeEachStore('consent answers in the tenant log', (harness) => {
  let fitgate: FrontChannel;
  let reader: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    reader = await managementToken(fitgate, ['read:grants']);
  });
  afterAll(() => fitgate.close());

  /** A login of a new third-party application answered on its consent page: where the answer sent the browser. */
  async function answered(decision: 'accept' | 'decline', before: () => Promise<void> = async () => undefined): Promise<{ app: ThirdPartyApp; location: URL }> {
    const app = await addThirdPartyApp(fitgate, `Partner ${decision}`);
    const browser = fitgate.browser();
    const { page } = await browser.follow(app.authorizeUrl({ connection: 'fitbit', scope: 'openid email offline_access', state: STATE }), CLIENT_CALLBACK);
    if (!page) throw new Error('the login did not stop at the consent page');
    await before();
    const answer = await answerConsent(fitgate, browser, consentFormOf(page), decision);
    if (!answer.location) throw new Error(`the answer went nowhere (HTTP ${answer.status})`);
    return { app, location: answer.location };
  }

  /** The events about `clientId` that came after the login's own (`s`, at the callback). */
  async function consentEvents(clientId: string): Promise<LogEvent[]> {
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 100 });
    return items.filter((event) => event.clientId === clientId && event.type !== 's');
  }

  it('logs an Accept as consent_granted, naming the application, connection, user, scopes and the grant', async () => {
    const { app, location } = await answered('accept');
    const [grant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);

    const events = await consentEvents(app.client.clientId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'consent_granted',
        description: 'User authorized the application',
        clientId: app.client.clientId,
        clientName: 'Partner accept',
        connection: 'fitbit',
        userId: ALICE,
        details: { scope: ['openid', 'email', 'offline_access'], grant_id: grant!.id },
      }),
    ]);
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(STATE);
    expect(logged).not.toContain(location.searchParams.get('code'));
  });

  it('logs a Decline as Auth0 does, a failed login "User did not authorize the request", in the words the application gets', async () => {
    const { app, location } = await answered('decline');

    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBe('User did not authorize the request');
    const events = await consentEvents(app.client.clientId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'f',
        description: 'User did not authorize the request',
        clientId: app.client.clientId,
        connection: 'fitbit',
        userId: ALICE,
        details: { error: 'access_denied', source: 'fitgate', scope: ['openid', 'email', 'offline_access'] },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(STATE);
  });

  it('logs an Accept refused after all (the user blocked meanwhile) as a failed login with what the application was told', async () => {
    const blockAlice = async () => {
      await updateUser(fitgate.store.users, fitgate.tenant, ALICE, (user) => ({ ...user, blocked: true }));
    };
    try {
      const { app, location } = await answered('accept', blockAlice);
      expect(location.searchParams.get('error')).toBe('unauthorized');
      const events = await consentEvents(app.client.clientId);
      expect(events).toEqual([
        expect.objectContaining({ type: 'f', description: 'user is blocked', userId: ALICE, details: { error: 'unauthorized', source: 'fitgate', scope: ['openid', 'email', 'offline_access'] } }),
      ]);
    } finally {
      await updateUser(fitgate.store.users, fitgate.tenant, ALICE, (user) => ({ ...user, blocked: false }));
    }
  });
});
