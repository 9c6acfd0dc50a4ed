import type { EphemeralKind } from '../../domain/ports.js';

/**
 * The two durability classes of the embedded store (docs/storage.md).
 *
 * Records of record live in `fitgate.db`, committed with synchronous=FULL: acknowledged means on
 * disk, even after a power cut. Short-lived records live in `fitgate-short-lived.db`, in WAL mode
 * with synchronous=NORMAL: a commit is a write to the WAL with no fsync, so it survives a killed
 * process (the kernel holds it) but the last few seconds of them may be lost in a power cut or a
 * kernel crash. Losing one of them costs at most a retried login or a fresh sign-in.
 */
export const SHORT_LIVED_DATABASE_FILE = 'fitgate-short-lived.db';

/**
 * Short-lived kinds whose loss would cost more than a retry, kept in the durable file: a lost
 * refresh token (or a lost rotation) signs an application's user out for good, a lost grant
 * revocation would bring revoked tokens back, and a set-password ticket was handed to a person.
 */
export const DURABLE_EPHEMERAL_KINDS: ReadonlySet<EphemeralKind> = new Set<EphemeralKind>(['refresh_token', 'grant', 'ticket']);

/** Tables that moved from fitgate.db to the short-lived file (see move_short_lived_records.ts). */
export const MOVED_TABLES = ['sessions', 'locks', 'counters', 'rate_limits'] as const;

/**
 * The short-lived tables as both files create them: fitgate.db's first version did (before they
 * moved), and the short-lived file's first version does. Both are released migrations, so this
 * text never changes; a change to these tables is a new step in each file that has them.
 */
export const SHORT_LIVED_TABLES = `
  CREATE TABLE ephemeral (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  ) WITHOUT ROWID;
  CREATE INDEX ephemeral_by_expiry ON ephemeral (expires_at);

  CREATE TABLE locks (name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX locks_by_expiry ON locks (expires_at);

  CREATE TABLE counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX counters_by_expiry ON counters (reset_at);

  CREATE TABLE sessions (sid TEXT PRIMARY KEY, sess TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);

  -- The table rate-limiter-flexible's RateLimiterSQLite expects (its column names).
  CREATE TABLE rate_limits (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER);
  CREATE INDEX rate_limits_by_expiry ON rate_limits (expire);
  `;

/** The short-lived file's schema, one entry per version, like MIGRATIONS (its own user_version). */
export const SHORT_LIVED_MIGRATIONS: readonly string[] = [SHORT_LIVED_TABLES];

const durableKinds = [...DURABLE_EPHEMERAL_KINDS].map((kind) => `'${kind}'`).join(', ');

/**
 * fitgate.db's step that leaves only records of record in it: the short-lived tables are dropped and
 * the short-lived ephemeral kinds deleted. move_short_lived_records.ts keeps their rows just before
 * this step runs and copies them to the short-lived file before it commits, so an upgrade keeps
 * sessions and logins in flight.
 */
export const SHORT_LIVED_TABLES_MOVED_MIGRATION = `
  DELETE FROM ephemeral WHERE kind NOT IN (${durableKinds});
  ${MOVED_TABLES.map((table) => `DROP TABLE ${table};`).join('\n  ')}
`;
