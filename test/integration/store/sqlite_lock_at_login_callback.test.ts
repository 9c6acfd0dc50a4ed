import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { CLIENT_CALLBACK, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { eventually } from './eventually.js';
import { useFrontChannelOnSqlite } from './front_channel_on_sqlite.js';
import { holdWriteLock } from './lock_holder.js';

const emulator = useEmulator('alice');

/**
 * /login/callback writes the user to fitgate.db. With that file locked by another process, the
 * client hears temporarily_unavailable with its state (it may send the user through again at once),
 * and the failure is logged as fitgate's own, not the upstream's: as when Redis is down.
 */
describe('/login/callback while another process holds fitgate.db', () => {
  const setup = useFrontChannelOnSqlite(emulator);

  it('sends the client temporarily_unavailable with its state, logged as fitgate failing', async () => {
    const fitgate = setup.fitgate();
    const browser = fitgate.browser();
    const { arrivedAt: callback } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'locked' }), `${fitgate.tenantUrl}/login/callback`);
    expect(callback).toBeDefined();

    const holder = holdWriteLock(join(setup.location(), DATABASE_FILE));
    let answer: Awaited<ReturnType<typeof browser.get>>;
    try {
      answer = await browser.get(callback!);
    } finally {
      await holder.release();
    }
    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(answer.location?.searchParams.get('state')).toBe('locked');
    expect(answer.location?.searchParams.has('code')).toBe(false);

    // The failure's log event waited for the lock too; it is written once the lock is let go.
    const failure = await eventually(
      async () => (await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 10, type: 'f' })).items[0],
      'the failed login is logged',
    );
    expect(failure.details).toEqual({ error: 'temporarily_unavailable', source: 'fitgate' });
  });
});
