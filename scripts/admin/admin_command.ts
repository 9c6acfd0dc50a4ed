import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromProcess, ConfigError, NoFitgateDataError, type Config } from '../../src/config/index.js';
import { openStore } from '../../src/store/open_store.js';
import { DATABASE_FILE } from '../../src/store/sqlite/database.js';
import type { Store } from '../../src/store/store.js';

/**
 * One `npm run admin -- NAME ...` subcommand. scripts/admin.ts finds it by NAME in its table and
 * runs it with the arguments after the name; the exit code is what `run` resolves with.
 */
export interface AdminCommand {
  /** Arguments after the name, for the usage text, e.g. "EMAIL". */
  readonly args: string;
  /** One line saying what it does. */
  readonly summary: string;
  run(args: readonly string[], io: AdminIo): Promise<number>;
}

/** Where a subcommand writes: stdout for results, stderr for problems. */
export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

/** A problem the operator can fix, said in one line on stderr (exit code 1), never a stack trace. */
export class AdminCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'AdminCommandError';
  }
}

/**
 * The same configuration fitgate reads; a bad value is one line naming it, as at start-up. Every
 * command works on an installation that exists, so nothing is created on the way: not the master
 * key or session secret fitgate generates at its first start, not the data directory. A
 * FITGATE_DATA_DIR without fitgate's database (a typo, another user's default ./data) is refused
 * with its name, before anything is written there.
 */
export function readAdminConfig(): Config {
  let config: Config;
  try {
    config = configFromProcess(undefined, { secretFiles: 'existing' });
  } catch (error) {
    if (error instanceof NoFitgateDataError) throw new AdminCommandError(noFitgateData(error.dataDir));
    if (error instanceof ConfigError) throw new AdminCommandError(`configuration error: ${error.message}`);
    throw error;
  }
  if (!config.redis && !existsSync(join(config.dataDir, DATABASE_FILE))) throw new AdminCommandError(noFitgateData(config.dataDir));
  return config;
}

function noFitgateData(dataDir: string): string {
  return `no fitgate data in ${resolve(dataDir)}: check FITGATE_DATA_DIR (or REDIS_URL), as for npm start; nothing was written`;
}

/** The store fitgate keeps its data in (readAdminConfig made sure the embedded one exists). */
export async function openExistingStore(config: Config): Promise<Store> {
  return openStore(config).catch((error: unknown) => {
    throw new AdminCommandError(`cannot open the store: ${(error as Error).message}`);
  });
}

/** Which store a command ran on, for "there is no such admin in this ...". */
export function storeDescription(config: Config): string {
  return config.redis ? `Redis (prefix ${config.redis.prefix})` : `embedded store (${config.dataDir})`;
}
