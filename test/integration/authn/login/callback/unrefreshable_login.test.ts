import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import pino from 'pino';
import { fitbitPlugin } from '../../../../../src/connections/fitbit/index.js';
import type { ConnectionPlugin } from '../../../../../src/connections/plugin.js';
import { markNeedsReauthorization } from '../../../../../src/domain/identity_status.js';
import { updateIdentity } from '../../../../../src/domain/stored_identity.js';
import { logJson } from '../../../../../src/management/logs/log_json.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { captureLogLines, linesWithEvent, WARN } from '../../../../support/log_capture.js';
import { describeEachStore } from '../../../../support/stores.js';

const emulator = useEmulator('alice');

const WARNING = 'login_without_refresh_token';
const PINO_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'reqId', 'msg']);

/**
 * Google sends a refresh token only at a consent. A user whose tokens fitgate dropped (a lost master
 * key, a refresh token refused) and who signs in again gets none in the first round, and is sent
 * back to Google once for a consent (sent_back_for_refresh_token.test.ts). Should the second round
 * bring none either, the login finishes all the same (no third round) and the identity is stored
 * connected with nothing to renew it: the vault disconnects it once the access token expires. The
 * login says so: on its `s` event (`details.refreshable: false`, with the upstream's sentence TRY's
 * result shows) and in one warning line of the process log.
 */
describeEachStore('a login that stores an identity with no refresh token', (harness) => {
  let fitgate: FrontChannel;
  const log = captureLogLines();

  beforeAll(async () => {
    // As an upstream that issues no refresh token even to the second round: this plugin's second
    // round only asks to pick the account again, so Google, consented to before, sends none again.
    const noConsentAsked: ConnectionPlugin = { ...fitbitPlugin, consentForRefreshToken: () => ({ prompt: 'select_account' }) };
    fitgate = await startFrontChannel({
      store: harness.store(),
      upstream: { kind: 'emulator', emulator: emulator() },
      logger: pino({ level: 'warn' }, log.destination),
      plugins: new Map([['fitbit', noConsentAsked]]),
    });
  });
  afterAll(() => fitgate.close());
  // Each test's first login is alice's first consent to the client, which brings a refresh token.
  beforeEach(() => void emulator().control.revokeUserGrants('alice'));

  /** Signs alice in; the prompt of each authorize request her browser took to Google. */
  async function logIn(): Promise<Array<string | null>> {
    const { arrivedAt, hops } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    return hops.filter((hop) => hop.pathname.endsWith('/o/oauth2/v2/auth')).map((hop) => hop.searchParams.get('prompt'));
  }

  async function lastSuccess() {
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 's' });
    return logJson(items[0]!);
  }

  async function storedIdentity(userId: string) {
    const user = await fitgate.store.users.get(fitgate.tenant, userId);
    return user?.identities.find((identity) => identity.connection === 'fitbit');
  }

  it('is not flagged when a refresh token came back', async () => {
    expect(await logIn()).toEqual([null]);
    const event = await lastSuccess();
    expect((await storedIdentity(String(event.user_id)))?.tokens?.refreshToken).toEqual(expect.any(String));
    expect(event.details).toBeUndefined();
    expect(event.description).not.toContain('refresh token');
    expect(linesWithEvent(log.lines, WARNING)).toEqual([]);
  });

  it('is finished after the one second round, flagged on its event with the upstream’s sentence, and warned of in the process log without a token', async () => {
    await logIn();
    const userId = String((await lastSuccess()).user_id);
    const identity = (await storedIdentity(userId))!;
    // As `reseal --forget-lost` leaves it: the tokens dropped, the grant at Google still alive.
    const ref = { tenant: fitgate.tenant, userId, connection: 'fitbit', upstreamUserId: identity.userId };
    await updateIdentity(fitgate.store.users, ref, (current) => markNeedsReauthorization(current, 'master_key_lost', new Date()), new Date());

    // Sent back once, and finished by that round though it brought none: no loop.
    expect(await logIn()).toEqual([null, 'select_account']);

    const stored = await storedIdentity(userId);
    expect(stored?.status).toBe('connected');
    expect(stored?.tokens?.accessToken).toEqual(expect.any(String));
    expect(stored?.tokens?.refreshToken).toBeUndefined();
    const event = await lastSuccess();
    expect(event).toMatchObject({ type: 's', user_id: userId, connection: 'fitbit', details: { refreshable: false } });
    expect(event.description).toBe(
      'Successful login; no refresh token came back. Google sent no refresh token, although fitgate asked for offline access and a ' +
        'new consent (prompt=consent: a TRY asks for it every time, and a login that brings none is sent back to Google once for it). ' +
        'fitgate cannot renew this user\'s tokens, so they must sign in again once the access token expires (after about an hour). ' +
        'If it happens again, the user can remove the app from their Google Account permissions and sign in again.',
    );

    const warnings = linesWithEvent(log.lines, WARNING);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: WARN, msg: expect.stringContaining('no refresh token') });
    // What the line carries beside pino's own fields, and nothing else: no token, no profile.
    const fields = Object.fromEntries(Object.entries(warnings[0]!).filter(([name]) => !PINO_FIELDS.has(name)));
    expect(fields).toEqual({ event: WARNING, tenant: fitgate.tenant, connection: 'fitbit', user_id: userId });
  });
});
