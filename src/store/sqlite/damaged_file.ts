import { basename } from 'node:path';
import { causeChain } from '../store_unavailable.js';

/**
 * SQLite's primary result codes for a file it cannot read as a database: SQLITE_CORRUPT (damaged
 * pages; its extended codes keep 11 in the low byte) and SQLITE_NOTADB (a damaged header, or not a
 * database at all).
 */
const DAMAGE_RESULT_CODES: ReadonlySet<number> = new Set([11, 26]);
const DAMAGE_CODE_NAMES = /^SQLITE_(CORRUPT|NOTADB)(_|$)/;

/** The SQLite error under `error` (through `cause`) that says the file is damaged, or undefined. */
export function damageOf(error: unknown): Error | undefined {
  for (const current of causeChain(error)) {
    const { code, rawCode } = current as { code?: unknown; rawCode?: unknown };
    if (typeof code === 'string' && DAMAGE_CODE_NAMES.test(code)) return current;
    if (typeof rawCode === 'number' && DAMAGE_RESULT_CODES.has(rawCode & 0xff)) return current;
  }
  return undefined;
}

/**
 * One of the embedded store's files cannot be read as a database. SQLite's own words ("database disk
 * image is malformed") name neither the file nor what to do; the message names the file, and `path`
 * is for the operator's remedy (start_failure.ts).
 */
export class SqliteFileDamagedError extends Error {
  override readonly name = 'SqliteFileDamagedError';

  constructor(
    readonly path: string,
    options: { cause: Error },
  ) {
    super(`${basename(path)} is damaged (${options.cause.message})`, options);
  }
}

/** `error` with a damaged file named (SqliteFileDamagedError), or unchanged when it is not about damage. */
export function namingDamagedFile(error: unknown, path: string): unknown {
  if (error instanceof SqliteFileDamagedError) return error;
  const damage = damageOf(error);
  return damage === undefined ? error : new SqliteFileDamagedError(path, { cause: damage });
}
