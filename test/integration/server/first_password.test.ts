import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import { firstPasswordFilePath, readFirstPasswordFile } from '../../../src/dashboard/account/first_password_file.js';
import { hashPassword, verifyPassword } from '../../../src/domain/passwords.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer, type StartOptions } from './spawn_server.js';

const PASSWORD_LINE = /^Admin: (\S+)\s+password: (\S+)/;
const RULE = '='.repeat(78);
const FILE_LINE = /its generated password is in/;

/** The lines between the last two rules of the output, or undefined when there is no such box. */
function lastBox(stdout: string): string[] | undefined {
  const lines = stdout.trimEnd().split('\n');
  if (lines.at(-1) !== RULE) return undefined;
  const top = lines.lastIndexOf(RULE, -2);
  return top < 0 ? undefined : lines.slice(top + 1, -1);
}

async function passwordOpensAdmin(dataDir: string, email: string, password: string): Promise<boolean> {
  const store = SqliteStore.open(dataDir);
  try {
    return await verifyPassword(password, (await store.admins.get(email))?.passwordHash ?? '');
  } finally {
    await store.close();
  }
}

/**
 * The generated first password is kept in a file of the data directory readable only by its owner
 * until the password changes. It is printed only to a person at a terminal outside production (last,
 * boxed, after the start-up log lines, so it does not scroll away); anywhere else stdout ends up in a
 * log store, and one log line says where the file is instead.
 */
describe('the first admin password at first start', () => {
  const running: RunningServer[] = [];
  const start = (environment: Record<string, string>, options: StartOptions = {}) => {
    const server = startServer({ LOG_LEVEL: 'info', ...environment }, options);
    running.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
  });

  it('never reaches stdout that is not a terminal: a log line names the 0600 file that holds it', async () => {
    const dataDir = tempDataDir();
    const first = start({ FITGATE_DATA_DIR: dataDir });
    const line = JSON.parse(await first.waitForLine(FILE_LINE)) as { level: number; admin: string; file: string };
    expect(line).toMatchObject({ level: 30, admin: 'admin@fitgate.local', file: firstPasswordFilePath(dataDir) });
    expect(statSync(firstPasswordFilePath(dataDir)).mode & 0o777).toBe(0o600);
    const kept = await readFirstPasswordFile(dataDir);
    expect(kept?.email).toBe('admin@fitgate.local');
    expect(await first.stop()).toBe(0);

    expect(first.stdout()).not.toContain(kept?.password ?? 'no password kept');
    // Every line is JSON: nothing for a log shipper to choke on.
    for (const each of first.stdout().trimEnd().split('\n')) expect(() => JSON.parse(each) as unknown).not.toThrow();
    expect(await passwordOpensAdmin(dataDir, kept!.email, kept!.password)).toBe(true);
  }, SERVER_TEST_TIMEOUT_MS);

  it('on a terminal, is printed last, boxed, after the log lines, and kept in the file', async () => {
    const dataDir = tempDataDir();
    const first = start({ FITGATE_DATA_DIR: dataDir }, { terminal: true });
    await first.waitForLine(/^Locked out later\?/);
    // The closing rule is the last line; poll for it with a bound instead of sleeping.
    const deadline = Date.now() + 10_000;
    while (!lastBox(first.stdout()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const box = lastBox(first.stdout());
    expect(box).toBeDefined();
    const [, email, password] = box?.[0]?.match(PASSWORD_LINE) ?? [];
    expect(email).toBe('admin@fitgate.local');
    expect(first.stdout()).toMatch(/^fitgate is listening on port \d+ \(embedded store in /m);
    const logLine = first.stdout().search(/^\d\d:\d\d:\d\d INFO {2}first start: bootstrap records created /m);
    expect(logLine).toBeGreaterThan(-1);
    // Bootstrap finishes before listen, and its line says so first.
    expect(logLine).toBeLessThan(first.stdout().indexOf('fitgate is listening on port'));
    expect(logLine).toBeLessThan(first.stdout().indexOf(`${RULE}\nAdmin: `));
    expect(box?.join('\n')).toContain(firstPasswordFilePath(dataDir));
    expect(await readFirstPasswordFile(dataDir)).toEqual({ email, password });
  }, SERVER_TEST_TIMEOUT_MS);

  it('on a terminal with NODE_ENV=production, is not printed either: only where the file is', async () => {
    const dataDir = tempDataDir();
    const first = start(
      {
        NODE_ENV: 'production',
        FITGATE_DATA_DIR: dataDir,
        FITGATE_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
        FITGATE_SESSION_SECRETS: 's'.repeat(40),
        FITGATE_PUBLIC_URL: 'http://localhost:3000',
        FITGATE_WORKERS: '1',
      },
      { terminal: true },
    );
    expect(JSON.parse(await first.waitForLine(FILE_LINE))).toMatchObject({ file: firstPasswordFilePath(dataDir) });
    const kept = await readFirstPasswordFile(dataDir);
    expect(kept).toBeDefined();
    expect(first.stdout()).not.toContain(kept!.password);
    expect(first.stdout()).not.toMatch(PASSWORD_LINE);
  }, SERVER_TEST_TIMEOUT_MS);

  it('is pointed to again while unchanged, and the file goes once the password was changed', async () => {
    const dataDir = tempDataDir();
    const first = start({ FITGATE_DATA_DIR: dataDir });
    await first.waitForLine(FILE_LINE);
    const kept = await readFirstPasswordFile(dataDir);
    expect(await first.stop()).toBe(0);

    const unchanged = start({ FITGATE_DATA_DIR: dataDir });
    expect(JSON.parse(await unchanged.waitForLine(/has not been changed yet/))).toMatchObject({ file: firstPasswordFilePath(dataDir) });
    expect(unchanged.stdout()).not.toContain(kept!.password);
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
