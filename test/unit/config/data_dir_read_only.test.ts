import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';

/**
 * A read-only file system, as the kernel and Node answer it under one directory (`readOnly`): every
 * write is refused with EROFS, except a recursive mkdir of a directory still missing afterwards,
 * which Node reports as ENOENT ("no such file or directory"). That is how a data directory on a
 * read-only mount used to stop the start: as if FITGATE_DATA_DIR named a directory that does not exist.
 * A mount cannot be made here without privileges, so node:fs plays it.
 */
const readOnly = fs.mkdtempSync(join(tmpdir(), 'fitgate-read-only-'));
const inReadOnly = (path: fs.PathLike | number) => typeof path !== 'number' && `${String(path)}${sep}`.startsWith(`${readOnly}${sep}`);
const refused = (syscall: string, path: fs.PathLike) =>
  Object.assign(new Error(`EROFS: read-only file system, ${syscall} '${String(path)}'`), { code: 'EROFS', syscall, path: String(path) });
const missing = (path: fs.PathLike) =>
  Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${String(path)}'`), { code: 'ENOENT', syscall: 'mkdir', path: String(path) });

jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  mkdirSync: (path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
    if (!inReadOnly(path) || fs.existsSync(path)) return fs.mkdirSync(path, options);
    throw options?.recursive ? missing(path) : refused('mkdir', path);
  },
  openSync: (path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    if (inReadOnly(path) && flags !== 'r') throw refused('open', path);
    return fs.openSync(path, flags ?? 'r', mode);
  },
  accessSync: (path: fs.PathLike, mode?: number) => {
    if (inReadOnly(path) && mode !== undefined && (mode & fs.constants.W_OK) !== 0) throw refused('access', path);
    return fs.accessSync(path, mode);
  },
}));
// Imported after the mock, as everything that loads the configuration's or the store's modules must be.
const { loadConfig } = await import('../../../src/config/index.js');
const { openStore } = await import('../../../src/store/open_store.js');
const { configErrorOf, masterKey, sessionSecret } = await import('./config_support.js');

const READ_ONLY_FIX =
  'mount it read-write (fitgate writes its database there: a volume mounted :ro or a read-only root file system will not do), ' +
  'or set FITGATE_DATA_DIR to a directory on a writable one';

describe('a data directory on a read-only file system', () => {
  afterAll(() => fs.rmSync(readOnly, { recursive: true, force: true }));
  const withSecrets = (dataDir: string) => ({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir, FITGATE_MASTER_KEY: masterKey(), FITGATE_SESSION_SECRETS: sessionSecret() });

  it('that does not exist yet: the start says the file system above it is read-only, not that it is missing', () => {
    const dataDir = join(readOnly, 'srv', 'fitgate');
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));

    expect(error.message).toBe(
      `FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: ${dataDir} cannot be created: ${readOnly} is on a read-only file system; ` +
        `${READ_ONLY_FIX} (or give the secret in its variable)`,
    );
    expect(error.message).not.toMatch(/ENOENT|no such file|does not exist/);
  });

  it('that exists: the generated secret cannot be kept there, and the line says why', () => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: readOnly }));

    expect(error.message).toBe(`FITGATE_DATA_DIR: cannot keep the generated master.key in ${readOnly}: ${readOnly} is on a read-only file system; ${READ_ONLY_FIX} (or give the secret in its variable)`);
  });

  it('with the secrets given: opening the store says the same, for a directory that does not exist yet', async () => {
    const dataDir = join(readOnly, 'data');
    const failure = await openStore(loadConfig(withSecrets(dataDir))).then(
      () => undefined,
      (error: unknown) => error as Error,
    );

    expect(failure?.message).toBe(
      `cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ${dataDir} cannot be created: ${readOnly} is on a read-only file system; ${READ_ONLY_FIX}`,
    );
    expect((failure?.cause as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code).toBe('EROFS');
  });

  it('with the secrets given: opening the store says the same, for one that exists', async () => {
    const failure = await openStore(loadConfig(withSecrets(readOnly))).then(
      () => undefined,
      (error: unknown) => error as Error,
    );

    expect(failure?.message).toBe(`cannot open the embedded database in FITGATE_DATA_DIR (${readOnly}): ${readOnly} is on a read-only file system; ${READ_ONLY_FIX}`);
  });
});
