import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** How long a relying party may take to start (it runs discovery lazily, so this is just the listen). */
const START_DEADLINE_MS = 15_000;

/**
 * An application built on an Auth0 SDK, as its own Node process: the SDK runs exactly as it ships,
 * trusting the test certificate through NODE_EXTRA_CA_CERTS (read only at process start, hence the
 * child). The script (test/support/compat/apps/*.mjs) reads RP_SETTINGS, listens on 127.0.0.1:0 and
 * prints one JSON line {"url": ...}.
 */
export interface RelyingParty {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  /** What the process wrote to stderr so far, for failure messages. */
  stderr(): string;
  close(): Promise<void>;
}

export async function startRelyingParty(app: string, settings: Record<string, unknown>, caFile: string): Promise<RelyingParty> {
  const child = spawn(process.execPath, [join(HERE, 'apps', `${app}.mjs`)], {
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: caFile, RP_SETTINGS: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const url = await firstLine(child, () => stderr);
  return {
    url,
    stderr: () => stderr,
    close: () => stop(child),
  };
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error(`the relying party did not start within ${START_DEADLINE_MS} ms: ${stderr()}`)), START_DEADLINE_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`the relying party exited with ${code}: ${stderr()}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n')[0];
      if (!stdout.includes('\n') || !line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
