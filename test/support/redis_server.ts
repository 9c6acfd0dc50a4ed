import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from '@jest/globals';
import { createClient } from 'redis';
import { freePort } from './free_port.js';

/**
 * A `redis-server` of the test's own, on a free loopback port with its own data directory, for
 * tests that kill and restart Redis or need particular settings (the shared one at redisUrl must
 * not be disturbed). Extra arguments are redis-server options, e.g. ['--maxmemory-policy', 'allkeys-lru'].
 */
export interface OwnRedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
  /**
   * SHUTDOWN SAVE, as an operator stops Redis: it writes its data to its directory first, so start()
   * brings it back with every key (kill() loses them, since it runs without persistence).
   */
  shutdown(): Promise<void>;
  /** Starts it again on the same port, data directory and options; resolves once it answers PING. */
  start(): Promise<void>;
  /** SIGSTOP: the process keeps its connections open but answers nothing (a hung or partitioned Redis). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Kills it (if running) and removes its data directory. */
  cleanup(): Promise<void>;
}

/** How long a redis-server may take to answer its first PING on a loaded machine. */
const START_TIMEOUT_MS = 15_000;

export async function startOwnRedisServer(options: string[] = []): Promise<OwnRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fitgate-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...options];
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child = started;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await answersPing(url))) {
      if (started.exitCode !== null) throw new Error(`redis-server ${args.join(' ')} exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${START_TIMEOUT_MS} ms: ${output}`);
      await delay(25);
    }
  };

  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  const shutdown = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
    client.on('error', () => undefined); // the server closes the connection instead of answering
    await client.connect();
    await client.sendCommand(['SHUTDOWN', 'SAVE']).catch(() => undefined);
    if (client.isOpen) client.destroy();
    await exited;
  };

  await start();
  return {
    port,
    url,
    kill,
    shutdown,
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async cleanup() {
      child?.kill('SIGCONT');
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function answersPing(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined); // refused while starting: an answer, not a crash
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/**
 * `describe` when the redis-server binary is installed; otherwise a failing test under
 * REQUIRE_REDIS=1 and a loud skip without it (as describeWithRedis does for the shared server).
 */
export function describeWithRedisServer(title: string, suite: () => void): void {
  if (hasRedisServer) {
    describe(title, suite);
  } else if (process.env.REQUIRE_REDIS === '1') {
    describe(title, () => {
      it('needs redis-server, which is not installed', () => {
        throw new Error('REQUIRE_REDIS=1 but there is no redis-server on PATH: install Redis and run again');
      });
    });
  } else {
    console.warn(`\n!!! SKIPPED "${title}": no redis-server on PATH (REQUIRE_REDIS=1 turns this into a failure).\n`);
    const skipped = describe.skip;
    skipped(title, suite);
  }
}
