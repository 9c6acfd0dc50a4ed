import { CONFIG_VERSION_MIGRATION } from './config_version_schema.js';
import { IMPLICIT_GRANT_MIGRATION } from './implicit_grant_migration.js';
import { SEALED_KEY_COUNTS_MIGRATION } from './sealed_key_counts_schema.js';
import { SHORT_LIVED_TABLES, SHORT_LIVED_TABLES_MOVED_MIGRATION } from './short_lived_schema.js';
import { USER_FIELD_TERMS_MIGRATION } from './user_field_terms_schema.js';

/**
 * The embedded schema, one entry per version. Entry N brings a database from `user_version` N to
 * N + 1; a released entry is never edited, only followed by a new one. Records are JSON documents
 * (`doc`) plus the columns that queries filter or sort on, each behind an index. A start runs the
 * pending steps in one transaction, rolled back when the start is refused (`uncommitted` in
 * database.ts), so no step may need to run outside a transaction: no VACUUM, no PRAGMA
 * foreign_keys or journal_mode.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tenants (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE tenant_domains (
    host TEXT PRIMARY KEY,
    tenant TEXT NOT NULL REFERENCES tenants (name) ON DELETE CASCADE
  );
  CREATE INDEX tenant_domains_by_tenant ON tenant_domains (tenant);

  CREATE TABLE clients (
    seq INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    client_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (tenant, client_id)
  );

  CREATE TABLE connections (
    seq INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (tenant, id),
    UNIQUE (tenant, name)
  );

  CREATE TABLE users (
    seq INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (tenant, user_id)
  );
  CREATE INDEX users_newest_first ON users (tenant, created_at DESC, user_id DESC);
  -- Every upstream id (and legacy id) of every identity, so a login finds its user by index.
  CREATE TABLE user_identities (
    tenant TEXT NOT NULL,
    connection TEXT NOT NULL,
    upstream_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (tenant, connection, upstream_id)
  ) WITHOUT ROWID;
  CREATE INDEX user_identities_by_user ON user_identities (tenant, user_id);
  -- Lowercased email, name and user id of every user: prefix search is a range scan of this index.
  CREATE TABLE user_search_terms (
    tenant TEXT NOT NULL,
    term TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (tenant, term, user_id)
  ) WITHOUT ROWID;
  CREATE INDEX user_search_terms_by_user ON user_search_terms (tenant, user_id);
  -- Kept in the same transaction as users, so count() does not walk a million index entries.
  CREATE TABLE user_counts (tenant TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;

  CREATE TABLE admins (email TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE admin_tenants (
    tenant TEXT NOT NULL,
    email TEXT NOT NULL REFERENCES admins (email) ON DELETE CASCADE,
    PRIMARY KEY (tenant, email)
  ) WITHOUT ROWID;

  CREATE TABLE logs (
    seq INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    id TEXT NOT NULL,
    date TEXT NOT NULL,
    type TEXT NOT NULL,
    user_id TEXT,
    doc TEXT NOT NULL,
    UNIQUE (tenant, id)
  );
  CREATE INDEX logs_newest_first ON logs (tenant, date DESC, seq DESC);
  CREATE INDEX logs_by_type ON logs (tenant, type, date DESC, seq DESC);
  CREATE INDEX logs_by_user ON logs (tenant, user_id, date DESC, seq DESC);
${SHORT_LIVED_TABLES}`,
  SEALED_KEY_COUNTS_MIGRATION,
  SHORT_LIVED_TABLES_MOVED_MIGRATION,
  CONFIG_VERSION_MIGRATION,
  USER_FIELD_TERMS_MIGRATION,
  IMPLICIT_GRANT_MIGRATION,
];
