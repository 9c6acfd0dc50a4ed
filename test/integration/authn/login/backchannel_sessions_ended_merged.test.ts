import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { createClient } from '../../../../src/domain/clients.js';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { startHeldLogoutReceiver, type HeldLogoutReceiver } from '../../../support/authn/held_logout_receiver.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const USER = 'fitbit|merged-7c1e';
const APPS = 3;
const CALLS = 5;

/**
 * Ending a user's sessions again while the applications are still being told of the last end
 * (DELETE /api/v2/users/{id}/sessions called again and again, against a slow receiver) tells them
 * nothing new: each application gets one logout token, not one per call. Every call still ends the
 * sessions in the store, and an end after the applications were told is announced again.
 */
describeEachStore('repeated ends of a user’s sessions while the applications are being told', (harness) => {
  let fitgate: FrontChannel;
  let receiver: HeldLogoutReceiver;
  let token: string;
  const background = new BackgroundWork();
  const apps: string[] = [];

  const endSessions = () => managementCall(fitgate, 'delete', `/users/${encodeURIComponent(USER)}/sessions`, token).expect(202);
  const sessionsEndedAt = async () => (await fitgate.store.users.get(fitgate.tenant, USER))?.sessionsEndedAt;
  /** The applications that received a token, from the `from`th request the receiver got on. */
  const audiences = (from = 0) => receiver.received.slice(from).map((got) => String(decodeJwt(got.logoutToken).aud)).sort();

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'unconfigured' }, background });
    receiver = await startHeldLogoutReceiver();
    token = await managementToken(fitgate, ['delete:sessions']);
    const now = new Date().toISOString();
    await fitgate.store.users.create({ tenant: fitgate.tenant, userId: USER, identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    for (let n = 0; n < APPS; n += 1) {
      const { client } = await createClient(fitgate.store.clients, { tenant: fitgate.tenant, name: `App ${n}`, appType: 'regular_web', callbacks: [CLIENT_CALLBACK] });
      await fitgate.store.clients.update({ ...client, oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/app-${n}`], backchannelLogoutInitiators: { mode: 'all' } } });
      apps.push(client.clientId);
    }
    apps.sort();
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  it('sends each application one token for calls made while the first is under way, and writes every end', async () => {
    const ends: Array<string | undefined> = [];
    for (let call = 0; call < CALLS; call += 1) {
      await endSessions();
      ends.push(await sessionsEndedAt());
    }
    // Every call ended the sessions anew: each wrote a later sessionsEndedAt.
    expect(new Set(ends).size).toBe(CALLS);
    expect(ends.every((end) => end !== undefined)).toBe(true);

    await receiver.whenOpen(APPS);
    receiver.release();
    // Whatever the calls queued has ended once the background work has.
    await background.settled(10_000);
    expect(audiences()).toEqual(apps);
  });

  it('announces an end made after the applications were told', async () => {
    const before = receiver.received.length;
    await endSessions();
    await receiver.whenOpen(APPS);
    receiver.release();
    await background.settled(10_000);
    expect(audiences(before)).toEqual(apps);
  });
});
