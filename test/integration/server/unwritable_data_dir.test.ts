import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from './spawn_server.js';

const SERVER = fileURLToPath(new URL('../../../dist/src/server.js', import.meta.url));
const NOBODY = '65534';

/**
 * The embedded store's data directory exists but this process may not write there (the wrong owner
 * or mode; a read-only mount has words of its own: test/unit/config/data_dir_read_only.test.ts): the
 * start stops with one line naming the path, who this process is, who owns the path and what to do,
 * exit code 1, instead of libsql's "ConnectionFailed(... 14)". Root writes anywhere, so
 * as root the server runs as nobody (setpriv), as it would under a service account.
 */
/** fitgate started as it would run under a service account: as nobody when the tests run as root. */
async function startAsServiceAccount(environment: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  const [command, args] = asRoot
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, SERVER]]
    : [process.execPath, [SERVER]];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Given, so that the start gets past generating them into the directory and reaches the database. */
const givenSecrets = { FITGATE_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'), FITGATE_SESSION_SECRETS: 'x'.repeat(40) };
/** Who the server runs as, and who owns what the test makes. */
const ownUid = process.getuid?.() ?? 0;
const serviceUid = ownUid === 0 ? Number(NOBODY) : ownUid;

describe('starting on a data directory that cannot be written', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-readonly-'));
  const dataDir = join(parent, 'data');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  /** What the start says about a directory of the test's, mode 0555, that the service account may not write. */
  const notWritable = (path: string) =>
    `${path} is not writable by this process (this process runs as uid ${serviceUid}; ${path} belongs to uid ${ownUid}, mode 0555); ` +
    `give uid ${serviceUid} write access to it (chown or chmod), or run fitgate as its owner, or set FITGATE_DATA_DIR to a directory uid ${serviceUid} may write`;

  it('exits with code 1 and one line naming FITGATE_DATA_DIR and the fix', async () => {
    chmodSync(parent, 0o755);
    mkdirSync(dataDir, { mode: 0o555 });
    chmodSync(dataDir, 0o555);
    const { code, stdout, stderr } = await startAsServiceAccount({ FITGATE_DATA_DIR: dataDir, ...givenSecrets });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ${notWritable(dataDir)}\n`,
    );
    expect(stdout).toBe('');
  }, SERVER_TEST_TIMEOUT_MS);

  it('says the same fix when it cannot keep the master key it would generate there', async () => {
    const { code, stderr } = await startAsServiceAccount({ FITGATE_DATA_DIR: dataDir });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: configuration error: FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: ${notWritable(dataDir)} (or give the secret in its variable)\n`,
    );
  }, SERVER_TEST_TIMEOUT_MS);

  it('for a data directory still to be made, names the directory that refused it and says to make it for this user', async () => {
    const inside = join(dataDir, 'fitgate');
    const { code, stderr } = await startAsServiceAccount({ FITGATE_DATA_DIR: inside, ...givenSecrets });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${inside}): ${inside} cannot be created: ` +
        `${dataDir} is not writable by this process (this process runs as uid ${serviceUid}; ${dataDir} belongs to uid ${ownUid}, mode 0555); ` +
        `create ${inside} for uid ${serviceUid} (mkdir -m 700 ${inside}, then chown ${serviceUid} ${inside}), or set FITGATE_DATA_DIR to a directory uid ${serviceUid} may write\n`,
    );
  }, SERVER_TEST_TIMEOUT_MS);
});

describe('starting on a data directory whose master key another user owns', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-foreign-key-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says it cannot read the key, and how to fix that, rather than that it cannot keep one', async () => {
    chmodSync(dataDir, 0o777);
    const key = join(dataDir, 'master.key');
    writeFileSync(key, Buffer.alloc(32, 3).toString('base64') + '\n');
    // Nobody may read it: not the service account (nobody, when the tests run as root), nor its owner.
    chmodSync(key, 0o000);
    const { code, stderr } = await startAsServiceAccount({ FITGATE_DATA_DIR: dataDir });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: configuration error: FITGATE_DATA_DIR: cannot read the generated master.key in ${dataDir}: permission denied; ` +
        "give this process read access to the file (it is the owner's only: run fitgate as the user that created it), or give the secret in its variable\n",
    );
  }, SERVER_TEST_TIMEOUT_MS);
});
