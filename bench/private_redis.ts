import { spawn } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from './child_process.js';

const START_TIMEOUT_MS = 10_000;

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A redis-server of the benchmark's own on a free loopback port, with no persistence, so INFO
 * commandstats counts fitgate's commands and nobody else's (the shared server also serves the peer
 * and whatever else runs on the machine). Undefined when redis-server is not installed.
 */
export async function startPrivateRedis(): Promise<PrivateRedis | undefined> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<'failed'>((resolve) => {
    child.once('error', () => resolve('failed'));
    child.once('exit', () => resolve('failed'));
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const outcome = await Promise.race([failed, ping(url)]);
    if (outcome === 'failed') return undefined;
    if (outcome) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the benchmark's own redis-server did not answer on port ${port} within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function ping(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Calls per command since the server started (INFO commandstats). */
export async function commandCalls(url: string): Promise<Map<string, number>> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const info = await client.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] ?? '', Number(match[2]));
    return calls;
  } finally {
    client.destroy();
  }
}

/** The commands among `names` that Redis flags as writes (COMMAND INFO). */
export async function writeCommands(url: string, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const infos = (await client.sendCommand(['COMMAND', 'INFO', ...names.map((name) => name.split('|')[0] ?? name)])) as unknown[];
    const writes = new Set<string>();
    infos.forEach((info, index) => {
      const flags = Array.isArray(info) ? (info[2] as unknown[]) : [];
      if (flags.some((flag) => String(flag) === 'write')) writes.add(names[index] ?? '');
    });
    return writes;
  } finally {
    client.destroy();
  }
}
