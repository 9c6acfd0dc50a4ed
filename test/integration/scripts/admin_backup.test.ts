import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { setPasswordTicketKey } from '../../../src/domain/set_password_ticket_key.js';
import { masterKeyId } from '../../../src/store/sealing.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { freePort } from '../../support/free_port.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from '../server/spawn_server.js';
import { runAdmin } from './run_admin.js';

const M2M = { id: 'backup-automation', secret: 'backup-automation-secret-0123456789abcdef' };
/** Enough commits that the WAL holds many of them, as on a live installation between checkpoints. */
const RECENT_CLIENTS = 30;

/** The applications of the default tenant, through the Management API (as an operator would check). */
async function clientNames(url: string): Promise<string[]> {
  const token = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: M2M.id, client_secret: M2M.secret, audience: `${url}/api/v2/` }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const listed = await fetch(`${url}/api/v2/clients?per_page=100`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(listed.status).toBe(200);
  return ((await listed.json()) as Array<{ name: string }>).map((client) => client.name);
}

async function createClients(url: string, names: readonly string[]): Promise<void> {
  const token = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: M2M.id, client_secret: M2M.secret, audience: `${url}/api/v2/` }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  for (const name of names) {
    const created = await fetch(`${url}/api/v2/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, app_type: 'regular_web', callbacks: ['https://app.example/callback'] }),
    });
    expect(created.status).toBe(201);
  }
}

/** Applications in a database file read on its own, without the WAL beside it (what `cp fitgate.db` gets). */
function clientsInFileAlone(path: string): number {
  const alone = join(mkdtempSync(join(tmpdir(), 'fitgate-cp-')), DATABASE_FILE);
  copyFileSync(path, alone);
  const db = new Database(alone);
  try {
    const table = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE name = 'clients'").get();
    return table === undefined ? 0 : (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  } finally {
    db.close();
    rmSync(alone, { force: true });
  }
}

async function installation(dataDir: string): Promise<{ server: RunningServer; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startServer({
    FITGATE_DATA_DIR: dataDir,
    PORT: String(port),
    FITGATE_PUBLIC_URL: url,
    FITGATE_BOOTSTRAP_CLIENT_ID: M2M.id,
    FITGATE_BOOTSTRAP_CLIENT_SECRET: M2M.secret,
  });
  await server.port();
  return { server, url };
}

/**
 * `npm run admin -- backup FILE` against the data directory of a fitgate that is serving and has just
 * written: the copy holds every acknowledged write, including those still in fitgate.db-wal that a
 * file copy misses, opens, and restores as docs/operations.md says (with the master key beside it).
 */
describe('npm run admin -- backup', () => {
  const dataDir = tempDataDir();
  const backups = mkdtempSync(join(tmpdir(), 'fitgate-backups-'));
  const restoredDir = tempDataDir();
  const running: RunningServer[] = [];
  let url = '';
  beforeAll(async () => {
    const live = await installation(dataDir);
    running.push(live.server);
    url = live.url;
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
    for (const dir of [dataDir, backups, restoredDir]) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'copies a running instance with its recent writes, says what it wrote and which master key it needs, and the copy restores',
    async () => {
      const names = Array.from({ length: RECENT_CLIENTS }, (_, i) => `Recent app ${i}`);
      await createClients(url, names);
      // What makes `cp` wrong: acknowledged commits that are only in the WAL so far.
      expect(clientsInFileAlone(join(dataDir, DATABASE_FILE))).toBeLessThan(RECENT_CLIENTS + 1);

      const destination = join(backups, 'fitgate-backup.db');
      const run = await runAdmin(['backup', destination], { FITGATE_DATA_DIR: dataDir });
      expect([run.code, run.stderr]).toEqual([0, '']);
      const keyId = masterKeyId(Buffer.from(readFileSync(join(dataDir, 'master.key'), 'utf8').trim(), 'base64'));
      expect(run.stdout).toContain(`Backed up ${join(dataDir, DATABASE_FILE)} to ${destination} (`);
      expect(run.stdout).toContain(`It holds 1 tenant, ${RECENT_CLIENTS + 1} applications, 1 connection, 0 users and 1 dashboard admin`);
      expect(run.stdout).toContain(`need key id ${keyId}, and nothing can read them without it.`);
      expect(run.stdout).toContain(`This fitgate keeps its key in ${join(dataDir, 'master.key')}: keep a copy of that file.`);
      expect(run.stdout).toContain('remove fitgate.db-wal and fitgate.db-shm');

      // A whole database on its own: no WAL beside it, readable by its owner only.
      expect(readdirSync(backups)).toEqual(['fitgate-backup.db']);
      expect(statSync(destination).mode & 0o777).toBe(0o600);
      const copy = new Database(destination);
      try {
        expect(copy.pragma('quick_check')).toEqual([expect.objectContaining({ quick_check: 'ok' })]);
        expect((copy.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n).toBe(RECENT_CLIENTS + 1);
      } finally {
        copy.close();
      }

      // Restored into another data directory with the master key it needs: fitgate serves it.
      for (const secret of ['master.key', 'session.secret']) copyFileSync(join(dataDir, secret), join(restoredDir, secret));
      copyFileSync(destination, join(restoredDir, DATABASE_FILE));
      const restored = await installation(restoredDir);
      running.push(restored.server);
      expect(await clientNames(restored.url)).toEqual(expect.arrayContaining(names));
      // No new first admin (the line is written whatever LOG_LEVEL says, before the stop's).
      expect(await restored.server.stop()).toBe(0);
      expect(restored.server.stdout()).not.toContain('its generated password is in');
    },
    SERVER_TEST_TIMEOUT_MS,
  );

  it('leaves pending set-password links out of the copy, and the running fitgate keeps them', async () => {
    // An invitation pending on the live service, as the dashboard keeps it (by the ticket's hash).
    const key = setPasswordTicketKey(randomBytes(32).toString('base64url'));
    const invitation = JSON.stringify({ purpose: 'admin_set_password', email: 'carol@pending.test', invitedBy: 'owner@example.com', credentialVersion: 0 });
    const live = new Database(join(dataDir, DATABASE_FILE));
    try {
      live.pragma('busy_timeout = 5000');
      live.prepare("INSERT INTO ephemeral (kind, key, value, expires_at) VALUES ('ticket', ?, ?, ?)").run(key, invitation, Date.now() + 3_600_000);
    } finally {
      live.close();
    }

    const destination = join(backups, 'without-links.db');
    const run = await runAdmin(['backup', destination], { FITGATE_DATA_DIR: dataDir });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('It leaves out 1 pending set-password link: they stay valid on this fitgate');

    const copy = new Database(destination);
    try {
      expect((copy.prepare("SELECT count(*) AS n FROM ephemeral WHERE kind = 'ticket'").get() as { n: number }).n).toBe(0);
    } finally {
      copy.close();
    }
    // Not even in the file's free pages.
    expect(readFileSync(destination).includes('carol@pending.test')).toBe(false);
    expect(readdirSync(backups).filter((name) => name.startsWith('.') || name.includes('without-links.db-'))).toEqual([]);

    const stillLive = new Database(join(dataDir, DATABASE_FILE));
    try {
      expect(stillLive.prepare("SELECT 1 AS found FROM ephemeral WHERE kind = 'ticket' AND key = ?").get(key)).toEqual(expect.objectContaining({ found: 1 }));
    } finally {
      stillLive.close();
    }
  }, SERVER_TEST_TIMEOUT_MS);

  it("writes a relative FILE in the shell's directory (npm's INIT_CWD), not in the package's", async () => {
    const run = await runAdmin(['backup', 'relative.db'], { FITGATE_DATA_DIR: dataDir, INIT_CWD: backups });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(` to ${join(backups, 'relative.db')} (`);
    expect(existsSync(join(backups, 'relative.db'))).toBe(true);
  }, SERVER_TEST_TIMEOUT_MS);

  it('refuses a destination that exists, even an empty file or a directory, and leaves it as it was', async () => {
    for (const [name, content] of [
      ['kept.db', 'an older backup'],
      ['empty.db', ''],
    ] as const) {
      const destination = join(backups, name);
      writeFileSync(destination, content);
      const before = readdirSync(backups).sort();
      const run = await runAdmin(['backup', destination], { FITGATE_DATA_DIR: dataDir });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `fitgate admin: ${destination} already exists; a backup never overwrites a file: choose a new name, or move that file away first\n`,
      });
      expect(readFileSync(destination, 'utf8')).toBe(content);
      expect(readdirSync(backups).sort()).toEqual(before);
    }
    const directory = await runAdmin(['backup', backups], { FITGATE_DATA_DIR: dataDir });
    expect([directory.code, directory.stderr]).toEqual([
      1,
      `fitgate admin: ${backups} is a directory: give the name of a file to create in it, such as ${join(backups, 'fitgate-backup.db')}\n`,
    ]);
  }, SERVER_TEST_TIMEOUT_MS);

  it('on Redis, writes nothing and says that Redis persistence is the backup, naming the prefix and the master key', async () => {
    const destination = join(backups, 'redis.db');
    const run = await runAdmin(['backup', destination], {
      FITGATE_DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:6379',
      FITGATE_REDIS_PREFIX: 'acme-id:',
      FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('this fitgate keeps everything in Redis (REDIS_URL), and backing Redis up is yours to run');
    expect(run.stderr).toContain(`every key whose name starts with "acme-id:" (FITGATE_REDIS_PREFIX)`);
    expect(run.stderr).toContain('keep FITGATE_MASTER_KEY with that backup');
    expect(existsSync(destination)).toBe(false);
  }, SERVER_TEST_TIMEOUT_MS);

  it('answers usage with exit code 2 without a destination', async () => {
    const run = await runAdmin(['backup'], { FITGATE_DATA_DIR: dataDir });
    expect([run.code, run.stderr]).toEqual([2, 'fitgate admin: usage: npm run admin -- backup FILE\n']);
  }, SERVER_TEST_TIMEOUT_MS);
});
