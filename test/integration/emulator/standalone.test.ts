import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs what `npm run emulator` runs: the compiled standalone entry (npm test builds dist/ first).
const ENTRY = join(process.cwd(), 'dist/src/emulator/standalone.js');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

async function listeningUrl(output: () => string, exited: Promise<number | null>): Promise<string> {
  const found = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no URL within 10 s; output: ${output()}`));
    }, 10_000).unref();
  });
  return Promise.race([found, exited.then((code) => Promise.reject(new Error(`exited ${code}: ${output()}`)))]);
}

describe('npm run emulator', () => {
  it('listens on EMULATOR_PORT, prints its URL, apps and users but no secrets, and loads the seed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
    const seed = join(dir, 'seed.json');
    writeFileSync(
      seed,
      JSON.stringify({
        apps: [{ clientId: '23SEED', clientSecret: 'seeded-secret-value', type: 'server', api: 'fitbit-legacy', redirectUris: ['http://127.0.0.1:1/cb'] }],
      }),
    );
    const { child, output, exited } = run({ EMULATOR_PORT: '0', EMULATOR_SEED_FILE: seed });
    const url = await listeningUrl(output, exited);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output()).toContain('23SEED');
    expect(output()).toContain('alice');
    expect(output()).not.toContain('seeded-secret-value');
    expect(output()).not.toContain('legacy-server-secret');

    const apps = (await (await fetch(`${url}/_emulator/apps`)).json()) as { clientId: string }[];
    expect(apps.map((app) => app.clientId)).toContain('23SEED');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('stops with one line naming the variable when the seed file is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ users: [{ login: 'x' }] }));
    const { output, exited } = run({ EMULATOR_PORT: '0', EMULATOR_SEED_FILE: seed });
    expect(await exited).toBe(1);
    expect(output()).toMatch(/^EMULATOR_SEED_FILE: users\.0\./);
  });
});
