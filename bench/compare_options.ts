import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FitbitApi } from '../src/connections/fitbit/index.js';
import { loopbackRedisUrl, nonNegativeNumber, OptionsError, positiveInteger, positiveNumber } from './options.js';

/** What one `npm run bench:compare` run does. */
export interface CompareOptions {
  /** The other build's server script (`<checkout>/dist/src/server.js`). */
  readonly againstServer: string;
  readonly store: 'sqlite' | 'redis';
  readonly upstream: FitbitApi;
  /** Virtual users, as in the benchmark's levels. */
  readonly users: number;
  /** Pairs of fresh processes, one of each build (see compare_builds.ts). */
  readonly pairs: number;
  /** Alternating rounds per pair. */
  readonly rounds: number;
  /** Measured seconds per build per round. */
  readonly roundSeconds: number;
  /** Unmeasured seconds of load on each build before the first round. */
  readonly warmupSeconds: number;
  /** Distinct emulator test users. */
  readonly emulatorUsers: number;
  readonly redisUrl: string;
}

export const COMPARE_USAGE = `npm run bench:compare -- --against DIR [options]
  --against DIR           another checkout of fitgate, built (npm ci && npm run build there)
  --store sqlite|redis    the store both run on (default sqlite)
  --upstream API          google-health or fitbit-legacy (default google-health)
  --users N               virtual users (default 16)
  --pairs N               pairs of fresh processes, one of each build (default 4)
  --rounds N              alternating rounds per pair (default 10)
  --seconds S             measured seconds per build per round (default 1)
  --warmup S              unmeasured seconds on each build of each pair first (default 10)
  --redis-url URL         Redis for --store redis (loopback only)`;

export function parseCompareOptions(argv: readonly string[]): CompareOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      help: { type: 'boolean' },
      against: { type: 'string' },
      store: { type: 'string' },
      upstream: { type: 'string' },
      users: { type: 'string' },
      pairs: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'redis-url': { type: 'string' },
    },
  });
  if (values.help) throw new OptionsError(COMPARE_USAGE);
  if (values.against === undefined) throw new OptionsError(`--against is required\n${COMPARE_USAGE}`);
  const againstServer = join(resolve(values.against), 'dist/src/server.js');
  if (!existsSync(againstServer)) {
    throw new OptionsError(`--against: ${againstServer} does not exist; run npm ci && npm run build in ${values.against} first`);
  }
  const store = values.store ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'redis') throw new OptionsError(`--store: unknown store "${store}"`);
  const upstream = values.upstream ?? 'google-health';
  if (upstream !== 'google-health' && upstream !== 'fitbit-legacy') throw new OptionsError(`--upstream: unknown upstream "${upstream}"`);
  const redisUrl = loopbackRedisUrl(values['redis-url'] ?? 'redis://127.0.0.1:6379');
  return {
    againstServer,
    store,
    upstream,
    users: values.users === undefined ? 16 : positiveInteger('--users', values.users),
    pairs: values.pairs === undefined ? 4 : positiveInteger('--pairs', values.pairs),
    rounds: values.rounds === undefined ? 10 : positiveInteger('--rounds', values.rounds),
    roundSeconds: values.seconds === undefined ? 1 : positiveNumber('--seconds', values.seconds),
    warmupSeconds: values.warmup === undefined ? 10 : nonNegativeNumber('--warmup', values.warmup),
    emulatorUsers: 200,
    redisUrl,
  };
}
