/**
 * Schema step for the in-process caches of tenants, clients and connections: one counter row that
 * triggers bump in the same transaction as every write of those tables, whichever code or process
 * writes them. A process compares it with the value it cached under (see config_version.ts).
 */
const WATCHED_TABLES = ['tenants', 'tenant_domains', 'clients', 'connections'] as const;

function bumpOn(table: string, event: 'INSERT' | 'UPDATE' | 'DELETE'): string {
  return `CREATE TRIGGER ${table}_config_version_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN
    UPDATE config_version SET version = version + 1 WHERE id = 1;
  END;`;
}

export const CONFIG_VERSION_MIGRATION = `
  CREATE TABLE config_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  INSERT INTO config_version (id, version) VALUES (1, 0);
  ${WATCHED_TABLES.flatMap((table) => (['INSERT', 'UPDATE', 'DELETE'] as const).map((event) => bumpOn(table, event))).join('\n  ')}
`;
