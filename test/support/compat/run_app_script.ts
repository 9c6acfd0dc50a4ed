import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a script printed: JSON read loosely, since each test checks the parts it cares about. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON from another process
export type AppReport = Record<string, any>;

const APPS = join(dirname(fileURLToPath(import.meta.url)), 'apps');
const RUN_DEADLINE_MS = 60_000;

/**
 * Runs a script of test/support/compat/apps in its own process (NODE_EXTRA_CA_CERTS is only read at
 * start) with RP_SETTINGS, and resolves with the JSON report it prints as its first line.
 */
export function runAppScript(script: string, settings: Record<string, unknown>, caFile: string): Promise<AppReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(APPS, script)], {
      env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: caFile, RP_SETTINGS: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_DEADLINE_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.split('\n')[0] ?? '') as AppReport);
      } catch {
        reject(new Error(`${script} printed no report: ${stdout} ${stderr}`));
      }
    });
  });
}
