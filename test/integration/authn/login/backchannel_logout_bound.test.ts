import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { LOGOUT_SEND_LIMITS, logoutSendQueueFor } from '../../../../src/authn/login/backchannel_logout_queue.js';
import { createClient } from '../../../../src/domain/clients.js';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { startHeldLogoutReceiver, type HeldLogoutReceiver } from '../../../support/authn/held_logout_receiver.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const CAP = LOGOUT_SEND_LIMITS.concurrent;
/** Users whose sessions are ended, one Management call each. */
const USERS = 5;
/** Applications subscribed to ended sessions: USERS × APPS sends, over twice the cap. */
const APPS = 14;

/**
 * However many calls end sessions, and however many applications each one tells, a process holds
 * at most LOGOUT_SEND_LIMITS.concurrent logout tokens unanswered at a slow receiver at once: the rest
 * wait their turn, and every one is still delivered once its turn comes.
 */
describeEachStore('the bound on back-channel logout sends at once', (harness) => {
  let fitgate: FrontChannel;
  let receiver: HeldLogoutReceiver;
  let token: string;
  const background = new BackgroundWork();
  const users = Array.from({ length: USERS }, (_, n) => `fitbit|bound-${n}`);
  const apps: string[] = [];

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'unconfigured' }, background });
    receiver = await startHeldLogoutReceiver();
    token = await managementToken(fitgate, ['delete:sessions']);
    const now = new Date().toISOString();
    for (const userId of users) {
      await fitgate.store.users.create({ tenant: fitgate.tenant, userId, identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    }
    for (let n = 0; n < APPS; n += 1) {
      const { client } = await createClient(fitgate.store.clients, { tenant: fitgate.tenant, name: `App ${n}`, appType: 'regular_web', callbacks: [CLIENT_CALLBACK] });
      await fitgate.store.clients.update({ ...client, oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/app-${n}`], backchannelLogoutInitiators: { mode: 'all' } } });
      apps.push(client.clientId);
    }
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  it(`never holds more than ${CAP} logout tokens open at the receiver, and delivers each one`, async () => {
    for (const userId of users) {
      await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(userId)}/sessions`, token).expect(202);
    }
    const total = USERS * APPS;
    // Every call has queued its sends before its 202: once a full turn is open at the receiver,
    // the rest wait in the process's queue rather than on the wire.
    await receiver.whenOpen(CAP);
    expect(logoutSendQueueFor(fitgate.deps).queued).toBe(total - CAP);
    // Answers the receiver's requests a full turn at a time.
    for (let answered = 0; answered < total; ) {
      await receiver.whenOpen(Math.min(CAP, total - answered));
      answered += receiver.release();
    }
    await background.settled(10_000);

    expect(receiver.mostOpen).toBe(CAP);
    expect(receiver.mostConnections).toBeLessThanOrEqual(CAP);
    const delivered = receiver.received.map((got) => {
      const claims = decodeJwt(got.logoutToken);
      return `${String(claims.sub)} ${String(claims.aud)}`;
    });
    expect(delivered.sort()).toEqual(users.flatMap((userId) => apps.map((clientId) => `${userId} ${clientId}`)).sort());
  });
});
