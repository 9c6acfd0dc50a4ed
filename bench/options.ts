import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** What one `npm run bench` run does; every bound is explicit so a run always ends. */
export interface BenchOptions {
  /** Concurrency levels (virtual users) measured for the full flow, in order. */
  readonly levels: readonly number[];
  /** Seconds measured at each level. */
  readonly durationSeconds: number;
  /** Seconds of unmeasured load before the first level (JIT, connection pools, caches). */
  readonly warmupSeconds: number;
  /** Distinct test users on the emulator; virtual users log in as them in turn. */
  readonly users: number;
  readonly stores: ReadonlyArray<'sqlite' | 'redis'>;
  readonly redisUrl: string;
  /** Where latest.json and latest.md are written. */
  readonly outDir: string;
  /** Clients in the tenant for the "many clients" scale run. */
  readonly scaleClients: number;
  /** Users (and sessions) in the store for the baseline and the "many users" scale runs. */
  readonly baseUsers: number;
  readonly scaleUsers: number;
  /** Pending logins created to measure their Redis footprint. */
  readonly pendingSample: number;
  /** When set, fitgate writes a V8 CPU profile (.cpuprofile) here when it stops, to find hot spots. */
  readonly profileDir: string | undefined;
  /** FITGATE_WORKERS=1 is measured against this many workers at the same load; undefined: not run. */
  readonly workers: number | undefined;
}

const FULL: BenchOptions = {
  levels: [1, 4, 16, 32],
  durationSeconds: 10,
  // fitgate's JIT takes thousands of logins to settle; a shorter warm-up inflates the first level's CPU.
  warmupSeconds: 15,
  users: 200,
  stores: ['sqlite', 'redis'],
  redisUrl: 'redis://127.0.0.1:6379',
  outDir: 'bench/results',
  scaleClients: 10_000,
  baseUsers: 1_000,
  scaleUsers: 1_000_000,
  pendingSample: 500,
  profileDir: undefined,
  workers: availableParallelism() > 1 ? availableParallelism() : undefined,
};

/** A run that finishes in seconds: the shape of every result, none of the statistical weight. */
const QUICK: Partial<BenchOptions> = {
  levels: [1, 2],
  durationSeconds: 1,
  warmupSeconds: 0.5,
  users: 3,
  scaleClients: 20,
  baseUsers: 10,
  scaleUsers: 50,
  pendingSample: 5,
  workers: undefined,
};

export const USAGE = `npm run bench -- [options]
  --quick                 tiny load (seconds): for tests and a first look
  --levels 1,4,16,32      concurrency levels of the full flow
  --duration SECONDS      measured time per level
  --warmup SECONDS        unmeasured load before measuring
  --users N               distinct emulator test users
  --stores sqlite,redis   which stores to run fitgate on
  --redis-url URL         Redis for the redis store (loopback only)
  --out DIR               where latest.json and latest.md go (default bench/results)
  --scale-clients N       clients in the tenant for the scale run (default 10000)
  --base-users N          users and sessions in the store for the baseline (default 1000)
  --scale-users N         users and sessions in the store for the scale run (default 1000000)
  --profile DIR           fitgate writes a V8 CPU profile into DIR when it stops (open it in Chrome DevTools)
  --workers N             also run fitgate with FITGATE_WORKERS=N against 1 worker at the same load
                          (default: nproc when above 1; --quick: not run unless given; 1: not run)`;

export class OptionsError extends Error {}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      help: { type: 'boolean' },
      levels: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      users: { type: 'string' },
      stores: { type: 'string' },
      'redis-url': { type: 'string' },
      out: { type: 'string' },
      'scale-clients': { type: 'string' },
      'base-users': { type: 'string' },
      'scale-users': { type: 'string' },
      profile: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (values.help) throw new OptionsError(USAGE);
  const base: BenchOptions = values.quick ? { ...FULL, ...QUICK } : FULL;
  const options: BenchOptions = {
    ...base,
    levels: values.levels === undefined ? base.levels : values.levels.split(',').map((level) => positiveInteger('--levels', level)),
    durationSeconds: values.duration === undefined ? base.durationSeconds : positiveNumber('--duration', values.duration),
    warmupSeconds: values.warmup === undefined ? base.warmupSeconds : nonNegativeNumber('--warmup', values.warmup),
    users: values.users === undefined ? base.users : positiveInteger('--users', values.users),
    stores: values.stores === undefined ? base.stores : parseStores(values.stores),
    redisUrl: values['redis-url'] ?? base.redisUrl,
    outDir: values.out ?? base.outDir,
    scaleClients: values['scale-clients'] === undefined ? base.scaleClients : positiveInteger('--scale-clients', values['scale-clients']),
    baseUsers: values['base-users'] === undefined ? base.baseUsers : positiveInteger('--base-users', values['base-users']),
    scaleUsers: values['scale-users'] === undefined ? base.scaleUsers : positiveInteger('--scale-users', values['scale-users']),
    profileDir: values.profile ?? base.profileDir,
    workers: values.workers === undefined ? base.workers : workerCount(values.workers),
  };
  if (options.scaleUsers < options.baseUsers) throw new OptionsError('--scale-users must be at least --base-users');
  loopbackRedisUrl(options.redisUrl);
  return options;
}

/** The benchmark writes and deletes keys in this Redis, so it is never one off this machine. */
export function loopbackRedisUrl(url: string): string {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new OptionsError('--redis-url must be on loopback');
  return url;
}

function workerCount(text: string): number | undefined {
  const count = positiveInteger('--workers', text);
  return count > 1 ? count : undefined;
}

function parseStores(text: string): Array<'sqlite' | 'redis'> {
  const stores = text.split(',').map((name) => name.trim());
  for (const name of stores) if (name !== 'sqlite' && name !== 'redis') throw new OptionsError(`--stores: unknown store "${name}"`);
  return stores as Array<'sqlite' | 'redis'>;
}

export function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new OptionsError(`${name} must be a positive integer, not "${text}"`);
  return value;
}

export function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new OptionsError(`${name} must be a positive number, not "${text}"`);
  return value;
}

export function nonNegativeNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new OptionsError(`${name} must be zero or more, not "${text}"`);
  return value;
}

/**
 * Runs a benchmark program's main: an options error prints its message (usage included) and exits
 * 2, any other failure prints its stack under `name` and exits 1.
 */
export function runProgram(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof OptionsError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
