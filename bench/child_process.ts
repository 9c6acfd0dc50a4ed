import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/** A server the benchmark started as its own process: its pid for /proc, and a bounded stop. */
export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  /** What matched the readiness pattern in its stdout (e.g. the URL it printed). */
  readonly ready: RegExpExecArray;
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeFlags] script` with `env` (on top of PATH only, so nothing of the caller's environment
 * leaks in) and resolves once a stdout line matches `readyPattern`. Rejects with the process's
 * stderr if it exits first or is not ready in time.
 */
export function startNode(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPattern: RegExp,
  nodeFlags: readonly string[] = [],
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeFlags, script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready within ${START_TIMEOUT_MS} ms: ${stderr.trim()}`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready: ${stderr.trim() || stdout.trim()}`));
    };
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = readyPattern.exec(stdout);
      if (!match || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({ name, pid: child.pid, ready: match, stop: () => stopChild(name, child) });
    });
  });
}

function stopChild(name: string, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      process.stderr.write(`bench: ${name} did not stop within ${STOP_TIMEOUT_MS} ms after SIGTERM; killing it\n`);
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A port free on 127.0.0.1 right now, for a server that must know its URL before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
