import { join } from 'node:path';
import { z } from 'zod';
import type { Config, RateLimits } from './config.js';
import { ConfigError } from './config_error.js';
import { MissingSecretFileError, readOrCreateSecret, SecretFileError, secretBytes } from './generated_secret.js';
import { configWarnings } from './config_warnings.js';
import { autoWorkerCount } from './cpu_quota.js';
import { missingLevel, UnusableDirectoryError } from './make_directory.js';
import { environmentSchema } from './schema.js';
import { requireSecrets } from './required_secrets.js';
import { readTlsFiles } from './tls_files.js';
import { parseTrustProxy, trustsProxy } from './trust_proxy.js';
import { unknownSettings } from './unknown_settings.js';
import { unwritablePlace } from './unwritable_place.js';

/** How loadConfig treats the secret files of the data directory. */
export interface LoadConfigOptions {
  /**
   * "create" (fitgate's start): a missing master key or session secret is generated there.
   * "existing" (the admin commands): they are only read, and nothing is written; a directory
   * without them and without a database is a NoFitgateDataError (a wrong FITGATE_DATA_DIR must not
   * become a second, empty installation with keys that open nothing).
   */
  readonly secretFiles?: 'create' | 'existing';
}

/**
 * Validates the environment and derives the configuration. Throws a ConfigError naming the first
 * bad variable. In embedded mode a missing master key or session secret is generated into the data
 * directory (unless `secretFiles` is "existing"); with Redis (several instances) or in production
 * they must be given.
 */
export function loadConfig(environment: Record<string, string | undefined>, options: LoadConfigOptions = {}): Config {
  const create = options.secretFiles !== 'existing';
  const parsed = environmentSchema.safeParse(withoutBlanks(environment));
  if (!parsed.success) throw toConfigError(parsed.error);
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const tls = readTlsFiles(env.FITGATE_TLS_CERT_FILE, env.FITGATE_TLS_KEY_FILE);

  if (production) requireSecrets(env, 'when NODE_ENV=production');
  // The public URL is the issuer of every token, the base of the callback URLs and what decides
  // Secure cookies: a default of http://localhost serves no real host (every request a 404).
  if (production && !env.FITGATE_PUBLIC_URL) {
    throw new ConfigError('FITGATE_PUBLIC_URL', 'is required when NODE_ENV=production: the https address users reach fitgate at, e.g. https://id.example.com');
  }
  // Serving https itself, fitgate is reached at no http URL: SDKs would check tokens against an
  // issuer no request of theirs matches.
  if (tls && env.FITGATE_PUBLIC_URL?.startsWith('http:')) {
    throw new ConfigError(
      'FITGATE_PUBLIC_URL',
      'must be https when FITGATE_TLS_CERT_FILE is set: fitgate then serves https only, and the public URL is the issuer every token names',
    );
  }
  // Without its own certificate fitgate serves plain HTTP (src/server.ts): an https URL means a
  // TLS-terminating proxy, and without trusting it Express sees every request as http, issues no
  // Secure cookie, and every sign-in and login fails its form or state check.
  if (production && !tls && env.FITGATE_PUBLIC_URL?.startsWith('https:') && !trustsProxy(env.FITGATE_TRUST_PROXY)) {
    throw new ConfigError(
      'FITGATE_TRUST_PROXY',
      'is required when NODE_ENV=production and FITGATE_PUBLIC_URL is https: fitgate serves plain HTTP and sees a request as https only ' +
        'through the X-Forwarded-Proto of a proxy it trusts (e.g. loopback, 1 or 10.0.0.0/8); without it no session cookie is issued and nobody can sign in',
    );
  }
  if (env.REDIS_URL) requireSecrets(env, 'when REDIS_URL is set (every instance must share it)');
  if (Boolean(env.FITGATE_BOOTSTRAP_CLIENT_ID) !== Boolean(env.FITGATE_BOOTSTRAP_CLIENT_SECRET)) {
    const missing = env.FITGATE_BOOTSTRAP_CLIENT_ID ? 'FITGATE_BOOTSTRAP_CLIENT_SECRET' : 'FITGATE_BOOTSTRAP_CLIENT_ID';
    throw new ConfigError(missing, 'must be set together with its pair (client id and client secret)');
  }
  if (env.FITGATE_METRICS_PORT !== undefined && env.FITGATE_METRICS_PORT !== 0 && env.FITGATE_METRICS_PORT === env.PORT) {
    throw new ConfigError('FITGATE_METRICS_PORT', 'must differ from PORT: the metrics must not be served on the public listener');
  }
  if (production && env.FITGATE_SANDBOX) {
    throw new ConfigError('FITGATE_SANDBOX', 'cannot be on when NODE_ENV=production');
  }

  const masterKeys = env.FITGATE_MASTER_KEY?.map((key) => Buffer.from(key, 'base64')) ?? [generatedMasterKey(env.FITGATE_DATA_DIR, create)];
  const sessionSecrets = env.FITGATE_SESSION_SECRETS ?? [generatedSecret(env.FITGATE_DATA_DIR, 'session.secret', 48, { create })];
  const publicUrlText = env.FITGATE_PUBLIC_URL ?? defaultPublicUrl(env.PORT, tls ? 'https' : 'http');
  const publicUrl = new URL(publicUrlText);

  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.FITGATE_HOST,
    tls,
    publicUrl: publicUrlText,
    publicUrlSet: env.FITGATE_PUBLIC_URL !== undefined,
    baseHost: publicUrl.host,
    redis: env.REDIS_URL ? Object.freeze({ url: env.REDIS_URL, prefix: env.FITGATE_REDIS_PREFIX }) : undefined,
    dataDir: env.FITGATE_DATA_DIR,
    masterKeys: Object.freeze(masterKeys),
    sessionSecrets: Object.freeze(sessionSecrets),
    secretsFrom: Object.freeze({
      masterKeys: env.FITGATE_MASTER_KEY ? 'environment' : 'data directory',
      sessionSecrets: env.FITGATE_SESSION_SECRETS ? 'environment' : 'data directory',
    } as const),
    admin: Object.freeze({ email: env.FITGATE_ADMIN_EMAIL, password: env.FITGATE_ADMIN_PASSWORD }),
    bootstrapClient:
      env.FITGATE_BOOTSTRAP_CLIENT_ID && env.FITGATE_BOOTSTRAP_CLIENT_SECRET
        ? Object.freeze({ clientId: env.FITGATE_BOOTSTRAP_CLIENT_ID, clientSecret: env.FITGATE_BOOTSTRAP_CLIENT_SECRET })
        : undefined,
    upstreamBaseUrl: env.FITGATE_UPSTREAM_BASE_URL,
    sandbox: env.FITGATE_SANDBOX ?? !production,
    trustProxy: parseTrustProxy(env.FITGATE_TRUST_PROXY),
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    metricsPort: env.FITGATE_METRICS_PORT,
    metricsHost: env.FITGATE_METRICS_HOST,
    backchannelAllowInternal: env.FITGATE_BACKCHANNEL_ALLOW_INTERNAL ?? !production,
    rateLimits: (env.FITGATE_RATE_LIMITS ?? env.NODE_ENV !== 'test') ? rateLimitsOf(env) : undefined,
    logRetentionDays: env.FITGATE_LOG_RETENTION_DAYS,
    workers: workerCount(env.FITGATE_WORKERS ?? (production ? 'auto' : '1')),
    shutdownDelayMs: env.FITGATE_SHUTDOWN_DELAY_MS,
    unknownSettings: unknownSettings(environment, Object.keys(environmentSchema.shape)),
    warnings: Object.freeze(configWarnings(env, tls)),
  });
}

/**
 * Where a plain `PORT=3001 npm start` is reached: the same port on localhost, in the scheme the
 * listener serves, so the printed dashboard URL works. PORT=0 (any free port, as tests use) has no
 * URL before it listens, so it keeps the historical port 3000 and such callers set
 * FITGATE_PUBLIC_URL or a Host. As an origin, like a FITGATE_PUBLIC_URL (schema.ts): PORT=80 over
 * http (443 over https) is http://localhost, without the port browsers and SDKs leave out.
 */
function defaultPublicUrl(port: number, scheme: 'http' | 'https'): string {
  return new URL(`${scheme}://localhost:${port === 0 ? 3000 : port}`).origin;
}

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  EEXIST: 'it is not a directory',
  ENOTDIR: 'it is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'the disk is full',
};

/**
 * The master key kept in the data directory. Generated only for a directory without a database yet:
 * a lost or damaged key file must be restored, since what it sealed opens under no other key.
 */
function generatedMasterKey(dataDir: string, create: boolean): Buffer {
  const path = join(dataDir, 'master.key');
  const text = generatedSecret(dataDir, 'master.key', 32, { sealsData: true, create });
  try {
    return secretBytes(path, text, 32);
  } catch (error) {
    throw new ConfigError('FITGATE_DATA_DIR', `${(error as Error).message}: ${RESTORE_MASTER_KEY}`);
  }
}

/** What to do when the secret file cannot be created or read, by which of the two failed. */
const FIX_ACCESS: Readonly<Record<SecretFileError['action'], string>> = {
  keep: 'give this process write access to it, or set FITGATE_DATA_DIR to a writable directory (or give the secret in its variable)',
  read: 'give this process read access to the file (it is the owner\'s only: run fitgate as the user that created it), or give the secret in its variable',
};

/** What to do for a failure that is not about access. */
const FIX_BY_CODE: Readonly<Record<string, (dataDir: string) => string>> = {
  ENOSPC: (dataDir) => `free space on the disk holding it (\`df -h ${dataDir}\` shows it), then start fitgate again`,
};

const RESTORE_MASTER_KEY = 'restore it from your backup, or give the key as FITGATE_MASTER_KEY; a new key could not open what it sealed';

/** A secret kept in the data directory; a directory that cannot hold it is a configuration error. */
function generatedSecret(dataDir: string, fileName: string, bytes: number, options: { sealsData?: boolean; create: boolean }): string {
  try {
    return readOrCreateSecret(dataDir, fileName, bytes, options);
  } catch (error) {
    if (error instanceof MissingSecretFileError && !options.sealsData) {
      throw new ConfigError('FITGATE_DATA_DIR', `${error.path} is missing: start fitgate once, which creates it, or give the secret in its variable`);
    }
    if (error instanceof MissingSecretFileError) {
      throw new ConfigError('FITGATE_DATA_DIR', `${error.path} is missing, and the database beside it was sealed with it: ${RESTORE_MASTER_KEY}`);
    }
    if (!(error instanceof SecretFileError)) throw error;
    if (error.cause instanceof UnusableDirectoryError) throw new ConfigError('FITGATE_DATA_DIR', `cannot keep the generated ${fileName} in ${dataDir}: ${error.cause.message}`);
    const unwritable = error.action === 'keep' ? unwritablePlace(error.code, dataDir) : undefined;
    if (unwritable) throw new ConfigError('FITGATE_DATA_DIR', `cannot keep the generated ${fileName} in ${dataDir}: ${unwritable} (or give the secret in its variable)`);
    // The directory (or the file, for a read) was there a moment before: gone, not forbidden.
    if (error.code === 'ENOENT') {
      throw new ConfigError('FITGATE_DATA_DIR', `cannot ${error.action} the generated ${fileName} in ${dataDir}: ${missingLevel(error.action === 'keep' ? dataDir : error.path)}`);
    }
    const reason = FILE_PROBLEMS[error.code] ?? (error.code || (error.cause as Error | undefined)?.message || 'unknown error');
    const fix = error.code === 'ENOTDIR' || error.code === 'EEXIST' ? 'set FITGATE_DATA_DIR to a directory' : (FIX_BY_CODE[error.code]?.(dataDir) ?? FIX_ACCESS[error.action]);
    throw new ConfigError('FITGATE_DATA_DIR', `cannot ${error.action} the generated ${fileName} in ${dataDir}: ${reason}; ${fix}`);
  }
}

export function withoutBlanks(environment: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

export function toConfigError(error: z.ZodError): ConfigError {
  const issue = error.issues[0];
  return new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
}

function rateLimitsOf(env: z.infer<typeof environmentSchema>): RateLimits {
  return Object.freeze({
    tokenPerClient: Object.freeze(env.FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT),
    tokenPerAddress: Object.freeze(env.FITGATE_RATE_LIMIT_TOKEN_PER_ADDRESS),
    authorizePerAddress: Object.freeze(env.FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS),
    callbackPerAddress: Object.freeze(env.FITGATE_RATE_LIMIT_CALLBACK_PER_ADDRESS),
    userinfoPerToken: Object.freeze(env.FITGATE_RATE_LIMIT_USERINFO_PER_TOKEN),
    dashboardPerAddress: Object.freeze(env.FITGATE_RATE_LIMIT_DASHBOARD_PER_ADDRESS),
    managementPerClient: Object.freeze(env.FITGATE_RATE_LIMIT_MANAGEMENT_PER_CLIENT),
  });
}

/** "auto": one worker per core this process may run on, within its cgroup CPU quota (cpu_quota.ts). */
function workerCount(value: string): number {
  return value === 'auto' ? autoWorkerCount() : Number(value);
}
