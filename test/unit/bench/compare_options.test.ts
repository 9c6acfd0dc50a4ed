import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { parseCompareOptions } from '../../../bench/compare_options.js';
import { OptionsError } from '../../../bench/options.js';

/** `npm run bench:compare`'s options: a built checkout to compare against, and bounded rounds. */

// This checkout, as the other build; its dist/ exists whenever the tests run (npm test builds first).
const here = process.cwd();

describe('parseCompareOptions', () => {
  it('compares against the built server of the checkout it is given, with the documented defaults', () => {
    expect(parseCompareOptions(['--against', here])).toEqual({
      againstServer: join(here, 'dist/src/server.js'),
      store: 'sqlite',
      upstream: 'google-health',
      users: 16,
      pairs: 4,
      rounds: 10,
      roundSeconds: 1,
      warmupSeconds: 10,
      emulatorUsers: 200,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('takes the store, the upstream and the load from the command line', () => {
    const options = parseCompareOptions(['--against', here, '--store', 'redis', '--upstream', 'fitbit-legacy', '--users', '8', '--pairs', '3', '--rounds', '12', '--seconds', '2.5', '--warmup', '0']);
    expect(options).toMatchObject({ store: 'redis', upstream: 'fitbit-legacy', users: 8, pairs: 3, rounds: 12, roundSeconds: 2.5, warmupSeconds: 0 });
  });

  it('says what to do when there is nothing to compare against', () => {
    expect(() => parseCompareOptions([])).toThrow(OptionsError);
    expect(() => parseCompareOptions([])).toThrow(/^--against is required\nnpm run bench:compare -- --against DIR/);
    expect(() => parseCompareOptions(['--against', '/nonexistent/checkout'])).toThrow(/run npm ci && npm run build in \/nonexistent\/checkout first/);
  });

  it('refuses unknown stores and upstreams, bad numbers and a Redis off loopback', () => {
    expect(() => parseCompareOptions(['--against', here, '--store', 'postgres'])).toThrow('--store: unknown store "postgres"');
    expect(() => parseCompareOptions(['--against', here, '--upstream', 'strava'])).toThrow('--upstream: unknown upstream "strava"');
    expect(() => parseCompareOptions(['--against', here, '--rounds', '0'])).toThrow('--rounds must be a positive integer, not "0"');
    expect(() => parseCompareOptions(['--against', here, '--pairs', '1.5'])).toThrow('--pairs must be a positive integer, not "1.5"');
    expect(() => parseCompareOptions(['--against', here, '--redis-url', 'redis://10.0.0.5:6379'])).toThrow('--redis-url must be on loopback');
  });
});
