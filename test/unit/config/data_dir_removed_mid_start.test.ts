import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';

/**
 * Another process removes a directory while fitgate makes the data directory or writes in it: the
 * step set up below removes it for real just before one file system call, which then answers ENOENT
 * as the kernel does. No permission is at fault, so the start must say that a level of the path
 * disappeared, not to give write access (or a bare ENOENT).
 */
type Call = 'mkdir' | 'open' | 'access';
let removal: { readonly call: Call; readonly when: (path: string) => boolean; readonly doomed: string } | undefined;
const removeBefore = (call: Call, path: fs.PathLike | number) => {
  if (!removal || removal.call !== call || typeof path === 'number' || !removal.when(String(path))) return;
  const { doomed } = removal;
  removal = undefined;
  fs.rmSync(doomed, { recursive: true, force: true });
};

jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  mkdirSync: (path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
    removeBefore('mkdir', path);
    return fs.mkdirSync(path, options);
  },
  openSync: (path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    removeBefore('open', path);
    return fs.openSync(path, flags ?? 'r', mode);
  },
  accessSync: (path: fs.PathLike, mode?: number) => {
    removeBefore('access', path);
    return fs.accessSync(path, mode);
  },
}));
// Imported after the mock, as everything that loads the configuration's or the store's modules must be.
const { loadConfig } = await import('../../../src/config/index.js');
const { openStore } = await import('../../../src/store/open_store.js');
const { configErrorOf, masterKey, sessionSecret } = await import('./config_support.js');

const root = fs.mkdtempSync(join(tmpdir(), 'fitgate-removed-'));
const WRONG_ADVICE = /write access|ENOENT|no such file/;

const gone = (target: string, nearest: string) =>
  `a level of ${target} disappeared or does not exist (removed by another process while fitgate was starting?); ${nearest} is the nearest level that exists now; ` +
  'start fitgate again once nothing removes it, or set FITGATE_DATA_DIR to a directory that stays';

const withSecrets = (dataDir: string) => ({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir, FITGATE_MASTER_KEY: masterKey(), FITGATE_SESSION_SECRETS: sessionSecret() });

async function openFailure(dataDir: string): Promise<Error | undefined> {
  return openStore(loadConfig(withSecrets(dataDir))).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error as Error,
  );
}

describe('a data directory removed by another process while fitgate starts', () => {
  afterEach(() => {
    // A removal that never happened means the step it waited for was not taken: the test proves nothing.
    expect(removal).toBeUndefined();
    removal = undefined;
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('between two levels of mkdir -p: generating the secrets says the level above disappeared', () => {
    const parent = fs.mkdtempSync(join(root, 'case-'));
    const srv = join(parent, 'srv');
    const dataDir = join(srv, 'fitgate');
    removal = { call: 'mkdir', when: (path) => path === dataDir, doomed: srv };

    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));

    expect(error.message).toBe(`FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: ${gone(dataDir, parent)}`);
    expect(error.message).not.toMatch(WRONG_ADVICE);
  });

  it('once made, before the secret file is written in it: the same, not "give write access"', () => {
    const parent = fs.mkdtempSync(join(root, 'case-'));
    const dataDir = join(parent, 'data');
    removal = { call: 'open', when: (path) => path.startsWith(`${dataDir}${sep}master.key.`), doomed: dataDir };

    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));

    expect(error.message).toBe(`FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: ${gone(dataDir, parent)}`);
    expect(error.message).not.toMatch(WRONG_ADVICE);
  });

  it('with the secrets given, between two levels of mkdir -p: opening the store says so, with the ENOENT as the cause', async () => {
    const parent = fs.mkdtempSync(join(root, 'case-'));
    const srv = join(parent, 'srv');
    const dataDir = join(srv, 'fitgate');
    removal = { call: 'mkdir', when: (path) => path === dataDir, doomed: srv };

    const failure = await openFailure(dataDir);

    expect(failure?.message).toBe(`cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ${gone(dataDir, parent)}`);
    expect((failure?.cause as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code).toBe('ENOENT');
  });

  it('with the secrets given, once made and before it is checked writable: opening the store says so, not "give it write access"', async () => {
    const parent = fs.mkdtempSync(join(root, 'case-'));
    const dataDir = join(parent, 'data');
    removal = { call: 'access', when: (path) => path === dataDir, doomed: dataDir };

    const failure = await openFailure(dataDir);

    expect(failure?.message).toBe(`cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ${gone(dataDir, parent)}`);
    expect(failure?.message).not.toMatch(WRONG_ADVICE);
  });
});
