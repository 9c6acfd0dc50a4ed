import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { serializeError } from './error_serializer.js';
import { prettyDestination, type LogFormat } from './log_format.js';
import { REDACTED } from './redact_url.js';

// Field names that hold credentials wherever they appear in a logged object. pino's redaction is
// path based, so each name is listed at the depths fitgate's own log calls use: top level, and one
// or two levels down ({ body: {...} }, { req: { headers: {...} } }).
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwordHash',
  'client_secret',
  'clientSecret',
  'code_verifier',
  'codeVerifier',
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'idToken',
  // RFC 8693's token exchange (the Token Vault grant): the refresh token presented as subject.
  'subject_token',
  'subjectToken',
];

// `code` is also the field of every error code (err.code = 'ECONNRESET', 'invalid_grant'), which the
// log must keep; an authorization code is redacted only where request data is logged.
const AUTHORIZATION_CODE_PATHS = ['code', 'body.code', 'query.code', 'req.body.code', 'req.query.code', 'params.code'];

export const REDACT_PATHS: readonly string[] = [
  ...AUTHORIZATION_CODE_PATHS,
  ...SECRET_FIELDS.flatMap((field) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
    const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
    return [key, join('*'), join('*.*')];
  }),
];

export interface LoggerOptions {
  level: Config['logLevel'];
  /** Where the lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** JSON lines (the default), or each line made short for a person (log_format.ts: stdoutStyle). */
  format?: LogFormat;
  /**
   * The cluster worker this process is (node's cluster.worker.id), absent in the primary and in a
   * single process: every line then names it as `worker`, which a short line shows as `w2`.
   */
  worker?: number | undefined;
}

/**
 * The process logger: JSON lines, or short lines for a person (format `pretty`), credentials
 * redacted at every level of fitgate's own log calls either way.
 */
export function createLogger(options: LoggerOptions): Logger {
  // Pretty lines are made from the JSON pino wrote, after its redaction.
  const destination = options.format === 'pretty' ? prettyDestination(options.destination ?? process.stdout) : options.destination;
  return pino(
    {
      level: options.level,
      // pino's own base is { pid, hostname }; this one replaces it, so pid is named again: with
      // workers, every process logs the same lines ("Redis connection lost ...") and the pid tells
      // them apart. The hostname is left to the log shipper, which knows the container or host.
      base: { service: 'fitgate', pid: process.pid, ...(options.worker !== undefined && { worker: options.worker }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      // pino-http's request lines use it too: its child loggers keep the parent's serializers.
      serializers: { err: serializeError },
    },
    destination,
  );
}
