import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from './spawn_server.js';

const SERVER = fileURLToPath(new URL('../../../dist/src/server.js', import.meta.url));
/** Well above a start that stops at its configuration, even on two busy cores; then the child is killed. */
const BOUND_MS = 60_000;
const GIVEN_SECRETS = { FITGATE_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'), FITGATE_SESSION_SECRETS: 'x'.repeat(40) };

/** `node dist/src/server.js` run to its end, or killed after BOUND_MS. */
function start(environment: Record<string, string>) {
  const result = spawnSync(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', ...environment },
    encoding: 'utf8',
    timeout: BOUND_MS,
    killSignal: 'SIGKILL',
  });
  return { code: result.status, killed: result.signal, stderr: result.stderr };
}

const ON_PROC =
  "/proc is on the kernel's proc file system, which shows the system's state and keeps no files; set FITGATE_DATA_DIR to a directory on a disk or volume";

/**
 * FITGATE_DATA_DIR under /proc, where the kernel answers ENOENT to a mkdir under a directory that
 * exists: Node's recursive mkdir retried that forever at full CPU, and the start never ended. It
 * now stops at once with one line saying what /proc is.
 */
describe('starting with the data directory under /proc', () => {
  it('stops with one line when it would generate its secrets there', () => {
    const dataDir = '/proc/fitgate-data';
    const { code, killed, stderr } = start({ FITGATE_DATA_DIR: dataDir });

    expect({ code, killed }).toEqual({ code: 1, killed: null });
    expect(stderr).toBe(`fitgate: configuration error: FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: ${ON_PROC}\n`);
  }, SERVER_TEST_TIMEOUT_MS);

  it('stops with one line when it would open its database there', () => {
    const dataDir = '/proc/fitgate-data/db';
    const { code, killed, stderr } = start({ FITGATE_DATA_DIR: dataDir, ...GIVEN_SECRETS });

    expect({ code, killed }).toEqual({ code: 1, killed: null });
    expect(stderr).toBe(`fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ${ON_PROC}\n`);
  }, SERVER_TEST_TIMEOUT_MS);
});
