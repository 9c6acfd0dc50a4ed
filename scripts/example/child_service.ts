import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * One of the example's programs (emulator, fitgate, Activity Sync) run as a child `node` process.
 * It is ready when its output prints `ready` (a line pattern whose first group is its URL); until
 * then, or if it exits early, its output is kept to explain the failure.
 */

export interface ChildService {
  readonly name: string;
  readonly url: string;
  /** Settles when the process ends, for whatever reason. */
  readonly exited: Promise<void>;
  /** SIGTERM, then wait for the exit (each program stops gracefully on it). */
  stop(): Promise<void>;
}

export interface ChildServiceOptions {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  readonly ready: RegExp;
  readonly timeoutMs?: number;
  /** Every output line once ready (e.g. to pass through); dropped when absent. */
  readonly onLine?: (line: string) => void;
}

export function startChildService(options: ChildServiceOptions): Promise<ChildService> {
  const child = spawn(process.execPath, [options.script], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output: string[] = [];

  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (why: string) => {
      child.kill('SIGTERM');
      reject(new Error(`${options.name} ${why}\n${output.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${options.timeoutMs ?? 30_000} ms`), options.timeoutMs ?? 30_000);
    child.once('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timer);
      fail(`exited before it was ready (${signal ?? `code ${code}`})`);
    });

    const onLine = (line: string) => {
      if (ready) return options.onLine?.(line);
      output.push(line);
      const url = options.ready.exec(line)?.[1];
      if (!url) return;
      ready = true;
      clearTimeout(timer);
      resolve({ name: options.name, url, exited, stop: () => stop(child, exited) });
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}
