import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from './spawn_server.js';

const SERVER = fileURLToPath(new URL('../../../dist/src/server.js', import.meta.url));
const NOBODY = '65534';

/**
 * The embedded store's data directory exists but this process may not write there (a volume
 * mounted read-only, the wrong owner): the start stops with one line naming FITGATE_DATA_DIR and
 * what to do, exit code 1, instead of libsql's "ConnectionFailed(... 14)". Root writes anywhere, so
 * as root the server runs as nobody (setpriv), as it would under a service account.
 */
describe('starting on a data directory that cannot be written', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-readonly-'));
  const dataDir = join(parent, 'data');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('exits with code 1 and one line naming FITGATE_DATA_DIR and the fix', async () => {
    chmodSync(parent, 0o755);
    mkdirSync(dataDir, { mode: 0o555 });
    chmodSync(dataDir, 0o555);
    const asRoot = process.getuid?.() === 0;
    const [command, args] = asRoot
      ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, SERVER]]
      : [process.execPath, [SERVER]];
    const child = spawn(command, args, {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'warn',
        FITGATE_DATA_DIR: dataDir,
        // Given, so that the start gets past generating them into the directory and reaches the database.
        FITGATE_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
        FITGATE_SESSION_SECRETS: 'x'.repeat(40),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ` +
        `${dataDir} is not writable by this process; give it write access or set FITGATE_DATA_DIR to a writable directory\n`,
    );
    expect(stdout).toBe('');
  }, SERVER_TEST_TIMEOUT_MS);
});
