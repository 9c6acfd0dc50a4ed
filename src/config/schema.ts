import { z } from 'zod';

// Every setting fitgate reads, with its default and why it exists. The environment variable names
// are part of the contract in shared/DESIGN.md; the README's configuration table mirrors this file.

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

const PORT_PROBLEM = 'must be a port number from 0 to 65535';
const port = z.coerce
  .number({ error: PORT_PROBLEM })
  .int({ error: PORT_PROBLEM })
  .min(0, { error: PORT_PROBLEM })
  .max(65535, { error: PORT_PROBLEM });

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Listen port. */
  PORT: port.default(3000),
  /** External URL of the default tenant; its host is the base domain of every other tenant. */
  FITGATE_PUBLIC_URL: httpUrl.default('http://localhost:3000'),
  /** Unset: embedded SQLite store. Set: Redis holds everything shared. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key, so several deployments or test runs can share one Redis. */
  FITGATE_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, 'may contain only letters, digits, ":", "_" and "-"')
    .default('fitgate:'),
  /** Embedded database, and the generated master key and session secret in embedded mode. */
  FITGATE_DATA_DIR: z.string().min(1).default('./data'),
  /** Seals connection secrets and upstream tokens at rest. Newest first, comma-separated. */
  FITGATE_MASTER_KEY: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(masterKey).min(1, 'must hold at least one key').optional()),
  /** Session cookie signing secrets, newest first; older ones still verify (rotation). */
  FITGATE_SESSION_SECRETS: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(32, 'each secret must be at least 32 characters')).min(1).optional()),
  FITGATE_ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  FITGATE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  FITGATE_BOOTSTRAP_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 of A-Z a-z 0-9 _ -').optional(),
  FITGATE_BOOTSTRAP_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Points every Fitbit and Google endpoint at an emulator: https://HOST/PATH → BASE/HOST/PATH. */
  FITGATE_UPSTREAM_BASE_URL: httpUrl.optional(),
  /** Connections without credentials log in through the built-in emulator. Default: on, off in production. */
  FITGATE_SANDBOX: booleanFlag.optional(),
  /**
   * Express "trust proxy" value. Set it when fitgate runs behind a TLS-terminating proxy so that
   * req.secure, req.ip and Secure cookies follow X-Forwarded-*. Examples: "loopback", "1", "10.0.0.0/8".
   */
  FITGATE_TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Port of the standalone emulator (`npm run emulator`). */
  EMULATOR_PORT: port.default(4010),
});

export type Environment = z.infer<typeof environmentSchema>;
