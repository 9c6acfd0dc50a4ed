import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const compiledStore = join(root, 'dist', 'src', 'store', 'sqlite', 'sqlite_store.js');
const writer = join(here, 'durability_writer.mjs');

/** The child runs the compiled store (npm test builds it first); refuse to test stale code. */
function assertCompiledStoreIsCurrent(): void {
  const sources = readdirSync(join(root, 'src', 'store'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const file of sources) {
    const compiled = join(root, 'dist', 'src', 'store', file.replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(join(root, 'src', 'store', file)).mtimeMs) {
      throw new Error(`${compiled} is missing or older than its source: run \`npm run build\` (npm test does)`);
    }
  }
}

/** Starts the writer, SIGKILLs it once it has printed `atLeast` ids, and returns every id it printed. */
function writeUntilKilled(dataDir: string, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, compiledStore, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.split('\n').length > atLeast) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`the writer stopped by itself before being killed:\n${errors}`));
        return;
      }
      // A line without its newline was cut by the kill: only complete lines were reported.
      resolve(output.split('\n').slice(0, -1));
    });
  });
}

describe('embedded store durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-durability-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every committed write and an intact database after kill -9 in the middle of writing', async () => {
    assertCompiledStoreIsCurrent();
    const printed = await writeUntilKilled(dataDir, 200);
    expect(printed.length).toBeGreaterThanOrEqual(200);
    expect(existsSync(join(dataDir, 'fitgate.db-wal'))).toBe(true);

    const store = SqliteStore.open(dataDir);
    try {
      expect(store.db.pragma('integrity_check')).toEqual([expect.objectContaining({ integrity_check: 'ok' })]);
      const missing: string[] = [];
      for (const userId of printed) {
        const user = await store.users.get('default', userId);
        const byIdentity = await store.users.findByIdentity('default', 'fitbit', userId.slice('fitbit|'.length));
        if (!user || byIdentity?.userId !== userId) missing.push(userId);
      }
      expect(missing).toEqual([]);
      // The count is kept in the same transaction as the rows: a torn write would make them disagree.
      const rows = store.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number };
      expect(await store.users.count('default')).toBe(rows.n);
      expect(rows.n).toBeGreaterThanOrEqual(printed.length);
    } finally {
      await store.close();
    }
  });
});
