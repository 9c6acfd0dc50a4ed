import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../../dist/src/server.js', import.meta.url));
const STARTUP_BOUND_MS = 45_000;
/** Jest timeout for a test that starts servers: the whole suite runs in parallel on two cores. */
export const SERVER_TEST_TIMEOUT_MS = 120_000;

/**
 * `node dist/src/server.js` as a child process (npm test builds dist first), with only the
 * environment given here: nothing from the developer's shell (a REDIS_URL, a PORT) leaks in.
 * It listens on 127.0.0.1-reachable port 0 unless PORT is given.
 */
export interface RunningServer {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`; rejects after the bound or on exit. */
  waitForLine(pattern: RegExp, boundMs?: number): Promise<string>;
  /** The listening port, from the start-up line. */
  port(): Promise<number>;
  /** Resolves with the exit code once the process has exited. */
  exited(): Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'fitgate-server-'));
}

/**
 * Servers started one after another on one fresh data directory; after the file's tests the last
 * one is stopped and the directory removed.
 */
export function useServerOnTempData(): { readonly dataDir: string; start(environment?: Record<string, string>, options?: StartOptions): RunningServer } {
  const dataDir = tempDataDir();
  let last: RunningServer | undefined;
  afterAll(async () => {
    await last?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    start(environment = {}, options = {}) {
      last = startServer({ FITGATE_DATA_DIR: dataDir, ...environment }, options);
      return last;
    },
  };
}

export interface StartOptions {
  /**
   * Runs it with stdout on a terminal (a pseudo-terminal, through util-linux's `script`), as for
   * someone who typed `npm start`; otherwise stdout is a pipe, as under a supervisor. stop() then
   * signals `script`, which ends the server its own way: do not count on the exit code.
   */
  readonly terminal?: boolean;
}

export function startServer(environment: Record<string, string>, options: StartOptions = {}): RunningServer {
  const [command, args]: [string, string[]] = options.terminal
    ? ['script', ['-q', '-e', '-c', `exec '${process.execPath}' '${SERVER}'`, '/dev/null']]
    : [process.execPath, [SERVER]];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    // A terminal ends its lines with \r\n (whose halves may come in two chunks).
    if (options.terminal) out = out.replaceAll('\r\n', '\n');
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (signal) err += `[killed by ${signal}]`;
      resolve(code);
    }),
  );

  const waitForLine = (pattern: RegExp, boundMs = STARTUP_BOUND_MS) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = out.split('\n').find((candidate) => pattern.test(candidate));
        if (line === undefined) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line matching ${pattern} within ${boundMs} ms; stdout: ${out}; stderr: ${err}`));
      }, boundMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exit.then((code) => {
        if (!listeners.has(check)) return;
        done();
        reject(new Error(`server exited (${code}) before printing ${pattern}; stdout: ${out}; stderr: ${err}`));
      });
      check();
    });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine,
    port: async () => Number((await waitForLine(/listening on port \d+/)).match(/port (\d+)/)?.[1]),
    exited: () => exit,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}

/** The default tenant's published key ids (fetch cannot set Host, so plain http). */
export function jwksKids(port: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/.well-known/jwks.json', headers: { Host: 'localhost:3000' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve((JSON.parse(text) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid));
        } catch (error) {
          reject(new Error(`unexpected JWKS answer ${response.statusCode}: ${text}`, { cause: error }));
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}
