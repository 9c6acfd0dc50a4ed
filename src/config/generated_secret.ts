import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config_error.js';
import { makeDirectory } from './make_directory.js';

/**
 * Reads a secret kept in the data directory, creating it on first use. Only the embedded store uses
 * this: a single instance owns its data directory, so a generated key is as durable as the data it
 * seals. The file is written whole under a name of its own, then linked into place, which fails if
 * the name exists: two racing first starts cannot each keep a different key, and neither can read
 * a file the other has created but not yet written. With `create: false` (the admin commands, which
 * work on an installation that exists) nothing is ever written: a missing file is a
 * MissingSecretFileError, or a NoFitgateDataError when the directory holds no database either.
 */
export function readOrCreateSecret(dataDir: string, fileName: string, bytes: number, options: { sealsData?: boolean; create?: boolean } = {}): string {
  const path = join(dataDir, fileName);
  if (!existsSync(path)) {
    const database = holdsDatabase(dataDir);
    // A new key cannot open what the lost one sealed: writing one would only hide what went missing.
    if ((options.sealsData || options.create === false) && database) throw new MissingSecretFileError(path);
    if (options.create === false) throw new NoFitgateDataError(dataDir);
    keepNewSecret(dataDir, path, bytes);
  }
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new SecretFileError('read', path, error);
  }
}

function keepNewSecret(dataDir: string, path: string, bytes: number): void {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  let drafted = false;
  try {
    makeDirectory(dataDir, 0o700);
    // Created first, then written: a write that fails (ENOSPC on a full disk) must not leave the
    // empty draft behind, and only a draft this call created may be removed.
    const file = openSync(draft, 'wx', 0o600);
    drafted = true;
    try {
      writeFileSync(file, randomBytes(bytes).toString('base64') + '\n');
    } finally {
      closeSync(file);
    }
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !existsSync(path)) throw new SecretFileError('keep', path, error);
  } finally {
    if (drafted) rmSync(draft, { force: true });
  }
}

/** The secret file could not be kept (created) or read where the data directory says. */
export class SecretFileError extends Error {
  constructor(
    readonly action: 'keep' | 'read',
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot ${action} ${path}`, { cause });
    this.name = 'SecretFileError';
  }

  get code(): string {
    return (this.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  }
}

/** The secret file is gone from a data directory whose database holds what it sealed. */
export class MissingSecretFileError extends Error {
  constructor(readonly path: string) {
    super(`${path} is missing`);
    this.name = 'MissingSecretFileError';
  }
}

/** A data directory with neither fitgate's secrets nor its database, where nothing may be created. */
export class NoFitgateDataError extends ConfigError {
  constructor(readonly dataDir: string) {
    super('FITGATE_DATA_DIR', `there is no fitgate data in ${dataDir}: check FITGATE_DATA_DIR`);
    this.name = 'NoFitgateDataError';
  }
}

/**
 * Whether the data directory already holds fitgate's database of record, whose sealed values the
 * key opens (the name is the store's DATABASE_FILE; the configuration imports nothing of the store).
 */
function holdsDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'fitgate.db'));
}

/** The secret's bytes, refusing a file that is not one (a truncated copy, an edit). */
export function secretBytes(path: string, base64: string, bytes: number): Buffer {
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length !== bytes || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new Error(`${path} does not hold a key of ${bytes} bytes in base64 (it holds ${decoded.length})`);
  }
  return decoded;
}
