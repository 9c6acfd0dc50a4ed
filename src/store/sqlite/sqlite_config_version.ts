import type { ConfigVersion } from '../cache/config_version.js';
import type { SqliteDatabase } from './database.js';

/**
 * The embedded store's ConfigVersion: the `config_version` row, which triggers bump in the same
 * transaction as every write of tenants, clients and connections, by any code in any process
 * (config_version_schema.ts). Reading it is one primary-key probe; a request looks up its tenant,
 * client and connection, so one read serves every lookup for REREAD_AFTER_MS, and a change by
 * another process is seen within that. A change by this process is seen at once (`changed`).
 */
export class SqliteConfigVersion implements ConfigVersion {
  private last: { version: string; at: number } | undefined;

  constructor(private readonly db: SqliteDatabase) {}

  async read(): Promise<string> {
    const now = Date.now();
    if (this.last && now - this.last.at < REREAD_AFTER_MS) return this.last.version;
    const row = this.db.prepare('SELECT version FROM config_version WHERE id = 1').get() as { version: number } | undefined;
    this.last = { version: String(row?.version ?? 0), at: now };
    return this.last.version;
  }

  async changed(): Promise<void> {
    // The triggers have already bumped the row in the write's own transaction; read it afresh.
    this.last = undefined;
  }
}

/** How long one read of the version serves this process's lookups (well inside the one-second promise). */
export const REREAD_AFTER_MS = 100;
