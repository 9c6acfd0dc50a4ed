import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import { firstPasswordFilePath, readFirstPasswordFile } from '../../../src/dashboard/account/first_password_file.js';
import { hashPassword } from '../../../src/domain/passwords.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

const PASSWORD_LINE = /^Admin: (\S+)\s+password: (\S+)/;
const RULE = '='.repeat(78);

/** The lines between the last two rules of the output, or undefined when there is no such box. */
function lastBox(stdout: string): string[] | undefined {
  const lines = stdout.trimEnd().split('\n');
  if (lines.at(-1) !== RULE) return undefined;
  const top = lines.lastIndexOf(RULE, -2);
  return top < 0 ? undefined : lines.slice(top + 1, -1);
}

/**
 * The generated first password does not scroll away: it is printed last, between rules, after the
 * start-up log lines, and kept in a file of the data directory readable only by its owner until the
 * password changes.
 */
describe('the first admin password at first start', () => {
  const running: RunningServer[] = [];
  const start = (environment: Record<string, string>) => {
    const server = startServer({ LOG_LEVEL: 'info', ...environment });
    running.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
  });

  it('is printed last, boxed, after the log lines, and kept in a 0600 file of the data directory', async () => {
    const dataDir = tempDataDir();
    const first = start({ FITGATE_DATA_DIR: dataDir });
    await first.waitForLine(new RegExp(`^${RULE}$`));
    await first.waitForLine(/^Locked out later\?/);
    // The closing rule is the last line; poll for it with a bound instead of sleeping.
    const deadline = Date.now() + 10_000;
    while (!lastBox(first.stdout()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const box = lastBox(first.stdout());
    expect(box).toBeDefined();
    const [, email, password] = box?.[0]?.match(PASSWORD_LINE) ?? [];
    expect(email).toBe('admin@fitgate.local');
    const logLine = first.stdout().indexOf('"msg":"first start: bootstrap records created"');
    expect(logLine).toBeGreaterThan(-1);
    expect(logLine).toBeLessThan(first.stdout().indexOf(`${RULE}\nAdmin: `));
    expect(box?.join('\n')).toContain(firstPasswordFilePath(dataDir));

    expect(statSync(firstPasswordFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(await readFirstPasswordFile(dataDir)).toEqual({ email, password });
    expect(await first.stop()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);

  it('is pointed to again while unchanged, and the file goes once the password was changed', async () => {
    const dataDir = tempDataDir();
    const first = start({ FITGATE_DATA_DIR: dataDir });
    const [, , password] = (await first.waitForLine(PASSWORD_LINE)).match(PASSWORD_LINE) ?? [];
    expect(await first.stop()).toBe(0);

    const unchanged = start({ FITGATE_DATA_DIR: dataDir });
    expect(await unchanged.waitForLine(/has not been changed yet/)).toContain(firstPasswordFilePath(dataDir));
    expect(unchanged.stdout()).not.toContain(password!);
    expect(await unchanged.stop()).toBe(0);

    // Changed elsewhere (another instance, say): this directory's copy is stale.
    const store = SqliteStore.open(dataDir);
    try {
      const admin = (await store.admins.get('admin@fitgate.local'))!;
      await store.admins.update({ ...admin, passwordHash: await hashPassword('changed on another instance') });
    } finally {
      await store.close();
    }
    const changed = start({ FITGATE_DATA_DIR: dataDir });
    await changed.port();
    expect(await changed.stop()).toBe(0);
    expect(changed.stdout()).not.toContain('has not been changed yet');
    expect(await readFirstPasswordFile(dataDir)).toBeUndefined();
  }, SERVER_TEST_TIMEOUT_MS);
});
