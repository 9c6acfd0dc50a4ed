import { isIP } from 'node:net';
import { z } from 'zod';
import { secret } from './secret.js';
import { adminPasswordProblem, MIN_PASSWORD_LENGTH } from './admin_password_rule.js';
import { publicOrigin, publicOriginProblem } from './public_origin.js';
import { redisUrlProblem } from './redis_url.js';
import { port, wholeNumber } from './whole_number.js';

// Every setting fitgate reads, with its default and why it exists. The environment variable names
// are part of fitgate's contract (README.md, "Configuration"); the README's configuration table mirrors this file.
// secret() marks each setting that holds a secret: fitgate deletes it from its own environment once
// read and never passes it to a worker's (secret_settings.ts); mark every new one.

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], {
    error: 'must be one of on/off, true/false, 1/0, yes/no',
  })
  .transform((value) => ['1', 'true', 'on', 'yes'].includes(value));

const masterKey = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
    message: 'must be the base64 encoding of exactly 32 bytes (try: openssl rand -base64 32)',
  });

const httpUrl = z
  .url({ error: 'must be an absolute http(s) URL' })
  .refine((value) => /^https?:\/\//.test(value), { message: 'must start with http:// or https://' })
  .transform((value) => value.replace(/\/+$/, ''));

/** Where users reach fitgate, kept as its origin; public_origin.ts says why, and names the form a refusal should have been. */
const publicOriginUrl = z.string().transform((value, context) => {
  const problem = publicOriginProblem(value);
  if (problem === undefined) return publicOrigin(value);
  context.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
});

const RATE_LIMIT_PROBLEM = 'must be POINTS/SECONDS, e.g. 300/60 (300 requests per 60 seconds), both whole numbers from 1';
/** One rate limit: how many requests (points) each key may make per window of seconds. */
const rateLimit = z
  .string()
  .regex(/^\d{1,9}\/\d{1,7}$/, RATE_LIMIT_PROBLEM)
  .transform((value) => {
    const [points, durationSeconds] = value.split('/').map(Number) as [number, number];
    return { points, durationSeconds };
  })
  .refine((limit) => limit.points >= 1 && limit.durationSeconds >= 1, { message: RATE_LIMIT_PROBLEM });

const LISTEN_ADDRESS_PROBLEM =
  'must be an IP address of this machine to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every IPv4 interface), :: (every interface) or one interface\'s address';
/** An address to bind: an IP address (no brackets), or localhost. A host name would be resolved at listen time and fail there. */
const listenAddress = z.string().refine((value) => isIP(value) !== 0 || value === 'localhost', { message: LISTEN_ADDRESS_PROBLEM });

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Express's "trust proxy": true, false, a number of hops, or addresses, subnets and names. Checked
 * here because Express only throws on a bad one while the app is built, after the data directory and
 * its first admin were set up, in words that do not name the variable.
 */
const trustProxy = z.string().refine(
  (value) => /^(true|false|\d+)$/.test(value) || value.split(',').every((entry) => isTrustedProxyEntry(entry.trim())),
  { message: 'must be true, false, a number of hops, or a comma-separated list of addresses, subnets (10.0.0.0/8) and the names loopback, linklocal, uniquelocal' },
);

function isTrustedProxyEntry(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4; // an IPv4 netmask, 255.0.0.0
}

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Listen port. */
  PORT: port.default(3000),
  /**
   * Address the public listener (PORT) binds. Unset: every interface, as Node listens by default.
   * 127.0.0.1 when the only client is a proxy on the same host: nobody else can then reach fitgate
   * directly and forge the X-Forwarded-* headers FITGATE_TRUST_PROXY believes.
   */
  FITGATE_HOST: listenAddress.optional(),
  /**
   * External URL of the default tenant; its host is the base domain of every other tenant.
   * Default: http://localhost:${PORT}, https with FITGATE_TLS_CERT_FILE (see defaultPublicUrl in load_config.ts).
   */
  FITGATE_PUBLIC_URL: publicOriginUrl.optional(),
  /**
   * The public listener serves https with this certificate (PEM: the server's certificate, then any
   * intermediates) and its unencrypted private key (PEM): both or neither, read and checked at start
   * (tls_files.ts). Mainly for local development: several of Auth0's SDKs call https://DOMAIN
   * whatever they are given, and a laptop has no TLS proxy. The default FITGATE_PUBLIC_URL becomes
   * https. Unset: plain http. Paths, not secrets: each cluster worker reads the files itself.
   */
  FITGATE_TLS_CERT_FILE: z.string().optional(),
  FITGATE_TLS_KEY_FILE: z.string().optional(),
  /** Unset: embedded SQLite store. Set: Redis holds everything shared. Secret: it may carry a password. */
  REDIS_URL: secret(
    z
      .string()
      .superRefine((value, context) => {
        const problem = redisUrlProblem(value);
        if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  ),
  /** Prefix of every Redis key, so several deployments or test runs can share one Redis. */
  FITGATE_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, 'may contain only letters, digits, ":", "_" and "-"')
    .default('fitgate:'),
  /** Embedded database, and the generated master key and session secret in embedded mode. */
  FITGATE_DATA_DIR: z.string().min(1).default('./data'),
  /** Seals connection secrets and upstream tokens at rest. Newest first, comma-separated. */
  FITGATE_MASTER_KEY: secret(
    z
      .string()
      .optional()
      .transform((value) => value?.split(',').map((k) => k.trim()).filter(Boolean))
      .pipe(z.array(masterKey).min(1, 'must hold at least one key').optional()),
  ),
  /** Session cookie signing secrets, newest first; older ones still verify (rotation). */
  FITGATE_SESSION_SECRETS: secret(
    z
      .string()
      .optional()
      .transform((value) => value?.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().min(32, 'each secret must be at least 32 characters')).min(1).optional()),
  ),
  FITGATE_ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  FITGATE_ADMIN_PASSWORD: secret(
    z
      .string()
      .refine((value) => adminPasswordProblem(value) !== 'too_short', `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .refine((value) => adminPasswordProblem(value) !== 'spaces_only', 'must be more than spaces')
      .optional(),
  ),
  FITGATE_BOOTSTRAP_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 of A-Z a-z 0-9 _ -').optional(),
  FITGATE_BOOTSTRAP_CLIENT_SECRET: secret(z.string().min(32, 'must be at least 32 characters').optional()),
  /**
   * Points the upstreams that plugins' sandboxes play (ConnectionPlugin.sandbox; the Fitbit plugin's
   * is src/emulator, for Fitbit's and Google's) at an emulator run apart: https://HOST/PATH →
   * BASE/HOST/PATH. Connections of plugins without a sandbox still reach their real upstream.
   */
  FITGATE_UPSTREAM_BASE_URL: httpUrl.optional(),
  /** Connections without credentials log in through their plugin's sandbox, if it brings one. Default: on, off in production. */
  FITGATE_SANDBOX: booleanFlag.optional(),
  /**
   * Express "trust proxy" value. Set it when fitgate runs behind a TLS-terminating proxy so that
   * req.secure, req.ip and Secure cookies follow X-Forwarded-*. Examples: "loopback", "1", "10.0.0.0/8".
   */
  FITGATE_TRUST_PROXY: trustProxy.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * How log lines are written to stdout: "json" (one JSON object a line, for a log shipper) or
   * "pretty" (one short line a person reads: time, level, message, fields). Unset: pretty when stdout
   * is a terminal outside production, JSON otherwise (src/logging/log_format.ts decides, where stdout
   * is known).
   */
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
  /** Prometheus GET /metrics on this port, a listener apart from PORT so it is never public. Unset: off. */
  FITGATE_METRICS_PORT: port.optional(),
  /**
   * Address the metrics listener binds: loopback by default, since the figures name tenants. Set it
   * to a private interface's address (or 0.0.0.0 on a private network) for a Prometheus elsewhere.
   */
  FITGATE_METRICS_HOST: listenAddress.default('127.0.0.1'),
  /**
   * Back-channel logout URLs (which tenant admins and machine-to-machine clients register, and
   * fitgate posts to) may lead to this host (http or https on loopback) and to private, link-local,
   * carrier-grade NAT and unique local addresses. Default: on in development and test, where the
   * receiver is a local app; off in production, so someone who administers one tenant cannot make
   * fitgate post to services on its host or network. fitgate's own ports stay refused either way.
   */
  FITGATE_BACKCHANNEL_ALLOW_INTERNAL: booleanFlag.optional(),
  /** Rate limits of the Authentication API and the dashboard. Default: on, off when NODE_ENV=test (tests turn them on themselves). */
  FITGATE_RATE_LIMITS: booleanFlag.optional(),
  // Defaults follow Auth0's published limits (docs/operations.md says which and why).
  /** POST /oauth/token per client id: Auth0's 100 requests per second. */
  FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT: rateLimit.prefault('100/1'),
  /** POST /oauth/token per client address. */
  FITGATE_RATE_LIMIT_TOKEN_PER_ADDRESS: rateLimit.prefault('100/1'),
  /** GET /authorize per client address: Auth0's 300 requests per minute. */
  FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: rateLimit.prefault('300/60'),
  /** GET /login/callback per client address. */
  FITGATE_RATE_LIMIT_CALLBACK_PER_ADDRESS: rateLimit.prefault('300/60'),
  /** /userinfo per access token: Auth0's burst of 10 per minute per user. */
  FITGATE_RATE_LIMIT_USERINFO_PER_TOKEN: rateLimit.prefault('10/60'),
  /**
   * Every /manage request per client address, before the dashboard's session: a person clicking
   * through the dashboard never comes near it; a flood of requests is refused before it reaches
   * the session store.
   */
  FITGATE_RATE_LIMIT_DASHBOARD_PER_ADDRESS: rateLimit.prefault('300/60'),
  /**
   * Every /api/v2 request per authenticated machine-to-machine client: Auth0's Management API limit
   * for paid tenants is 50 requests per second. Spent after the token is verified, so nobody can
   * spend an application's budget without its token.
   */
  FITGATE_RATE_LIMIT_MANAGEMENT_PER_CLIENT: rateLimit.prefault('50/1'),
  /** Log events older than this many days are deleted (hourly and at start). */
  FITGATE_LOG_RETENTION_DAYS: wholeNumber(1, 3650, 'must be a whole number of days from 1 to 3650, in decimal digits').default(30),
  /**
   * Worker processes (node:cluster) serving the port: a number, or "auto" for one per core this
   * process may use (the cgroup CPU quota included, cpu_quota.ts). Default: 1 (no cluster, one
   * process) in development and test, "auto" in production.
   */
  FITGATE_WORKERS: z
    .string()
    .regex(/^(auto|[1-9]\d{0,2})$/, 'must be "auto" or a whole number from 1 to 999')
    .optional(),
  /**
   * On SIGTERM, how long fitgate keeps serving with /health/ready answering 503 "stopping" before it
   * closes its listener: a load balancer that probes takes it out of rotation before connections are
   * refused (Kubernetes' preStop sleep, inside fitgate). Bounded so a typo cannot hold a stop for hours.
   */
  FITGATE_SHUTDOWN_DELAY_MS: wholeNumber(0, 60_000, 'must be a whole number of milliseconds from 0 to 60000, in decimal digits').default(0),
  // EMULATOR_PORT, EMULATOR_HOST and EMULATOR_SEED_FILE are the standalone emulator's
  // (emulator_config.ts): fitgate's sandbox is served in-process on PORT and reads none of them, so
  // a bad one must not stop fitgate.
});
