import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config/index.js';
import { freePort, startNode, type ChildServer } from './child_process.js';
import type { UpstreamApp } from './emulator_setup.js';

/** The three programs under test, each its own node process on a loopback port. */

const script = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export interface RunningServer {
  process: ChildServer;
  url: string;
}

export async function startEmulator(): Promise<RunningServer> {
  const child = await startNode(
    'emulator',
    script('../src/emulator/standalone.js'),
    { EMULATOR_PORT: '0', EMULATOR_HOST: '127.0.0.1' },
    /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  return { process: child, url: child.ready[1] ?? '' };
}

export interface RunningFitgate extends RunningServer {
  /** fitgate's own configuration, so the benchmark can open the same store. */
  config: Config;
  bootstrap: { clientId: string; clientSecret: string };
  /** Stops the process and removes its data directory (Redis keys are the caller's to delete). */
  stop(): Promise<void>;
}

/**
 * Rate limits as in production, counted in the store on every limited request, each raised beyond
 * what this load reaches: it comes from one address with one client, which the default limits
 * would refuse, and turning them off would leave out store writes every production login makes.
 */
const RATE_LIMITS_COUNTED_NOT_REACHED: Record<string, string> = {
  FITGATE_RATE_LIMITS: 'on',
  FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT: '999999999/1',
  FITGATE_RATE_LIMIT_TOKEN_PER_ADDRESS: '999999999/1',
  FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: '999999999/1',
  FITGATE_RATE_LIMIT_CALLBACK_PER_ADDRESS: '999999999/1',
  FITGATE_RATE_LIMIT_USERINFO_PER_TOKEN: '999999999/1',
};

/** A fresh fitgate of the benchmark's: its port, data directory, bootstrap client and environment. */
export interface FreshFitgateEnvironment {
  port: number;
  dataDir: string;
  bootstrap: { clientId: string; clientSecret: string };
  environment: Record<string, string>;
}

/**
 * fitgate's environment as the benchmark runs it, in production mode with throw-away secrets, on a
 * new data directory whose name starts with `dataDirPrefix`, against the emulator at `emulatorUrl`.
 */
export async function freshFitgateEnvironment(dataDirPrefix: string, emulatorUrl: string): Promise<FreshFitgateEnvironment> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const bootstrap = { clientId: 'bench-bootstrap', clientSecret: randomBytes(32).toString('base64url') };
  const environment: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    FITGATE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    FITGATE_DATA_DIR: dataDir,
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    FITGATE_UPSTREAM_BASE_URL: emulatorUrl,
    FITGATE_BOOTSTRAP_CLIENT_ID: bootstrap.clientId,
    FITGATE_BOOTSTRAP_CLIENT_SECRET: bootstrap.clientSecret,
    FITGATE_ADMIN_PASSWORD: randomBytes(16).toString('base64url'),
    LOG_LEVEL: 'warn',
  };
  return { port, dataDir, bootstrap, environment };
}

/** How the benchmark starts a fitgate beyond its store. */
export interface FitgateStartOptions {
  /** fitgate writes a V8 CPU profile into this directory when it stops. */
  profileDir?: string;
  /** FITGATE_WORKERS (1: no cluster, the process alone, whatever the machine's cores). */
  workers?: number;
  /** The built server to run: this checkout's by default, another build's when comparing two. */
  serverScript?: string;
}

/** This checkout's built server, as `npm start` runs it. */
export const OWN_SERVER_SCRIPT = script('../src/server.js');

/**
 * fitgate as `npm start` runs it, in production mode, on a fresh data directory or Redis prefix.
 */
export async function startFitgate(
  store: 'sqlite' | 'redis',
  emulatorUrl: string,
  redisUrl: string,
  { profileDir, workers = 1, serverScript = OWN_SERVER_SCRIPT }: FitgateStartOptions = {},
): Promise<RunningFitgate> {
  const { dataDir, bootstrap, environment } = await freshFitgateEnvironment('fitgate-bench-', emulatorUrl);
  const env: Record<string, string> = {
    ...environment,
    FITGATE_WORKERS: String(workers),
    ...RATE_LIMITS_COUNTED_NOT_REACHED,
    ...(store === 'redis' ? { REDIS_URL: redisUrl, FITGATE_REDIS_PREFIX: `fitgate-bench:${process.pid}:${randomBytes(4).toString('hex')}:` } : {}),
  };
  // --cpu-prof is refused in NODE_OPTIONS, so it goes on the command line.
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = await startNode(`fitgate (${store}${workers > 1 ? `, ${workers} workers` : ''})`, serverScript, env, /fitgate is listening on port \d+/, flags).catch(
    (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  return {
    process: child,
    url: env.FITGATE_PUBLIC_URL ?? '',
    config: loadConfig(env),
    bootstrap,
    async stop() {
      await child.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The do-it-yourself Passport app signing in through `upstream` (its API and credentials), with its
 * sessions in memory or, given a Redis URL, in Redis.
 */
export async function startPeer(emulatorUrl: string, upstream: UpstreamApp, redis?: { url: string; prefix: string }): Promise<RunningServer> {
  const port = await freePort();
  const child = await startNode(
    `peer (${upstream.api})`,
    script('./peer/server.js'),
    {
      NODE_ENV: 'production',
      PEER_PORT: String(port),
      PEER_UPSTREAM_BASE_URL: emulatorUrl,
      PEER_API: upstream.api,
      PEER_CLIENT_ID: upstream.clientId,
      PEER_CLIENT_SECRET: upstream.clientSecret,
      PEER_SESSION_SECRET: randomBytes(32).toString('hex'),
      ...(redis ? { PEER_REDIS_URL: redis.url, PEER_REDIS_PREFIX: redis.prefix } : {}),
    },
    /peer listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  return { process: child, url: child.ready[1] ?? '' };
}
