import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import pino from 'pino';
import type { LoginTransaction } from '../../../../../src/authn/login/login_transaction.js';
import type { EphemeralStore } from '../../../../../src/domain/ports.js';
import { StoreFullError } from '../../../../../src/errors/index.js';
import { logJson } from '../../../../../src/management/logs/log_json.js';
import type { Store } from '../../../../../src/store/store.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { googleLogin } from '../../../../support/emulator.js';
import { captureLogLines, linesWithEvent, WARN } from '../../../../support/log_capture.js';
import { describeEachStore } from '../../../../support/stores.js';

const emulator = useEmulator('alice');

/** Alice's fitgate user, as the emulator seeds her Google Health id. */
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A login that brings no refresh token, for a user fitgate holds none for, is sent back to Google
 * once (sent_back_for_refresh_token.test.ts). The second round is a new login transaction in the
 * store; when the store refuses that write (full, locked), the login is not lost to it: it finishes
 * at once, with what the first round brought, as a login without a refresh token, and the process
 * log says why it was not sent back (login_not_sent_back), with no token in it.
 */
describeEachStore('a login whose second round cannot be started', (harness) => {
  let fitgate: FrontChannel;
  const log = captureLogLines();
  /** The refusal the store answers the second round's write with, while set. */
  let refusal: Error | undefined;

  beforeAll(async () => {
    const store = harness.store();
    // The store refuses to keep the second round's transaction, and only that: the take of the first, and every other write, go through.
    const ephemeral = Object.create(store.ephemeral) as EphemeralStore;
    ephemeral.put = async (kind, key, value, ttl) => {
      if (refusal && kind === 'login_transaction' && (value as Partial<LoginTransaction>).sentBackForRefreshToken === true) throw refusal;
      return store.ephemeral.put(kind, key, value, ttl);
    };
    fitgate = await startFrontChannel({
      store: Object.assign(Object.create(store) as Store, { ephemeral }),
      upstream: { kind: 'emulator', emulator: emulator() },
      logger: pino({ level: 'trace' }, log.destination),
    });
  });
  afterAll(() => fitgate.close());
  beforeEach(async () => {
    refusal = undefined;
    await fitgate.store.users.delete(fitgate.tenant, ALICE);
    log.lines.length = 0;
  });

  /** Alice, who consented to the Google client before, signs in; where her browser went. */
  async function logIn() {
    await googleLogin(emulator().url, { user: 'alice' });
    const { arrivedAt, hops } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }), CLIENT_CALLBACK);
    return { arrivedAt, atGoogle: hops.filter((hop) => hop.pathname.endsWith('/accounts.google.com/o/oauth2/v2/auth')) };
  }

  it('is sent back while the store keeps the second round (as a control)', async () => {
    const { arrivedAt, atGoogle } = await logIn();

    expect(atGoogle.map((hop) => hop.searchParams.get('prompt'))).toEqual([null, 'consent']);
    expect(arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    expect(linesWithEvent(log.lines, 'login_not_sent_back')).toEqual([]);
  });

  it('finishes at once without the refresh token when the store refuses the second round, and logs login_not_sent_back without a token', async () => {
    refusal = new StoreFullError();

    const { arrivedAt, atGoogle } = await logIn();

    // One round at Google; the application gets its code and state, not an error.
    expect(atGoogle).toHaveLength(1);
    expect(arrivedAt?.searchParams.get('state')).toBe('client-st');
    expect(arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    expect(arrivedAt?.searchParams.get('error')).toBeNull();
    // Recorded by the first round, with its access token and nothing to renew it.
    const user = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(user?.loginsCount).toBe(1);
    expect(user?.identities[0]?.tokens?.accessToken).toEqual(expect.any(String));
    expect(user?.identities[0]?.tokens?.refreshToken).toBeUndefined();
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 's' });
    expect(logJson(items[0]!)).toMatchObject({ user_id: ALICE, details: { refreshable: false } });

    const [warning, ...more] = linesWithEvent(log.lines, 'login_not_sent_back');
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ level: WARN, tenant: fitgate.tenant, connection: 'fitbit' });
    // Google's access tokens start "ya29.": none reaches the process log, at any level.
    expect(log.lines.filter((line) => line.includes('ya29.'))).toEqual([]);
  });
});
