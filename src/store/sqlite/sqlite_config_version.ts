import type { ConfigVersion } from '../cache/config_version.js';
import type { SqliteDatabase } from './database.js';

/**
 * The embedded store's ConfigVersion: the `config_version` row, which triggers bump in the same
 * transaction as every write of tenants, clients and connections, by any code in any process
 * (config_version_schema.ts). Reading it is one primary-key probe, cheap enough for every lookup,
 * so a change is seen by the next request everywhere.
 */
export class SqliteConfigVersion implements ConfigVersion {
  constructor(private readonly db: SqliteDatabase) {}

  async read(): Promise<string> {
    const row = this.db.prepare('SELECT version FROM config_version WHERE id = 1').get() as { version: number } | undefined;
    return String(row?.version ?? 0);
  }

  async changed(): Promise<void> {
    // The triggers have already bumped the row in the write's own transaction.
  }
}
