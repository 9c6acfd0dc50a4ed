import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { CLIENT_CALLBACK, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { useFrontChannelOnSqlite } from './front_channel_on_sqlite.js';
import { holdWriteLock } from './lock_holder.js';

const emulator = useEmulator('alice');

/**
 * /authorize stores its login transaction in the short-lived file. With that file locked by another
 * process, the client hears temporarily_unavailable with its state, which it may retry, exactly as
 * when Redis is down (authn/login/authorize/store_down_at_authorize.test.ts), not server_error "The
 * server could not complete the login" as if the upstream had failed.
 */
describe('/authorize while another process holds the short-lived file', () => {
  const setup = useFrontChannelOnSqlite(emulator);

  it('sends the client temporarily_unavailable with its state, and the next login goes through once it is let go', async () => {
    const fitgate = setup.fitgate();
    const holder = holdWriteLock(join(setup.location(), SHORT_LIVED_DATABASE_FILE));
    let answer: Awaited<ReturnType<ReturnType<FrontChannel['browser']>['get']>>;
    try {
      answer = await fitgate.browser().get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'st' }));
    } finally {
      await holder.release();
    }
    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(answer.location?.searchParams.get('state')).toBe('st');

    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
  });
});
