import { it } from '@jest/globals';
import { useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { loginThroughWriteFault } from '../../../../support/authn/login_through_write_fault.js';
import { describeWithRedisServer } from '../../../../support/redis_server.js';
import { useFitgateOnFullableRedis } from './redis_full.js';

const emulator = useEmulator('alice');

/**
 * /login/callback's first write is the take of its login. A full Redis (noeviction) refuses writes
 * but not GETDEL, which only frees memory; with nothing counted before the take (rate limits off
 * here; with them on, the first callback a process sees after Redis filled up, before a batch of
 * its counts has failed), the take must still be refused, or the upstream code is spent and the
 * user's write fails after it, and the login is gone. Refused, the application hears
 * temporarily_unavailable with its state, and the same callback URL finishes the login once Redis
 * has room again.
 */
describeWithRedisServer('/login/callback when Redis is full at the take of its login', () => {
  const { fitgate, full } = useFitgateOnFullableRedis(emulator, 'callback-take-full', { FITGATE_RATE_LIMITS: 'off' });

  it('sends the client temporarily_unavailable with its state, and the same callback finishes the login once Redis has room', async () => {
    await loginThroughWriteFault(fitgate(), full, 'query', false);
  }, 60_000);
});
