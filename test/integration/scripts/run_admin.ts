import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { redisUrl } from '../../support/redis.js';
import type { StoreHarness } from '../../support/stores.js';

const ADMIN_SCRIPT = fileURLToPath(new URL('../../../dist/scripts/admin.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- ARGS` as the operator runs it (built script, its own process), with only `environment`. */
export function runAdmin(args: string[], environment: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ADMIN_SCRIPT, ...args],
      { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...environment }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The environment fitgate runs with on the suite's store: the data directory, and Redis with its prefix. */
export function adminEnvironment(stores: StoreHarness, dataDir: string): Record<string, string> {
  if (stores.kind === 'sqlite') return { FITGATE_DATA_DIR: dataDir };
  return {
    FITGATE_DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    FITGATE_REDIS_PREFIX: stores.testStore().location,
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
  };
}
