/**
 * Schema step that counts sealed values per master key id (`sealed_key_counts`), kept by triggers
 * in the same transaction as every write of tenants, connections and users, whichever code writes
 * them; existing rows are counted once by the migration itself. The paths are those of
 * src/domain/sealed_values.ts; a value reads "v1.<keyId>.<iv>.<ciphertext>.<tag>".
 */

/**
 * SELECT of the sealed values (as `v`) of one document: `doc` is the document expression (NEW.doc in
 * a trigger), `rows` the table it comes from when counting existing rows ("users AS r").
 */
const SEALED_VALUES: Record<'tenants' | 'connections' | 'users', (doc: string, rows?: string) => string> = {
  tenants: (doc, rows) => `SELECT json_extract(k.value, '$.privateJwk') AS v FROM ${join(rows)} json_each(${doc}, '$.signingKeys') AS k`,
  connections: (doc, rows) => `SELECT json_extract(${doc}, '$.options.clientSecret') AS v ${rows ? `FROM ${rows}` : ''}`,
  users: (doc, rows) =>
    `SELECT json_extract(i.value, '$.tokens.accessToken') AS v FROM ${join(rows)} json_each(${doc}, '$.identities') AS i
     UNION ALL SELECT json_extract(i.value, '$.tokens.refreshToken') FROM ${join(rows)} json_each(${doc}, '$.identities') AS i`,
};

function join(rows: string | undefined): string {
  return rows ? `${rows},` : '';
}

function addCounts(values: string, sign: '+' | '-'): string {
  return `INSERT INTO sealed_key_counts (key_id, count)
    SELECT substr(v, 4, instr(substr(v, 4), '.') - 1), ${sign}count(*) FROM (${values})
    WHERE substr(v, 1, 3) = 'v1.' GROUP BY 1
    ON CONFLICT (key_id) DO UPDATE SET count = count + excluded.count;`;
}

const DROP_EMPTY = 'DELETE FROM sealed_key_counts WHERE count = 0;';

function triggers(table: keyof typeof SEALED_VALUES): string {
  const values = SEALED_VALUES[table];
  return `
  CREATE TRIGGER ${table}_sealed_insert AFTER INSERT ON ${table} BEGIN
    ${addCounts(values('NEW.doc'), '+')}
  END;
  CREATE TRIGGER ${table}_sealed_update AFTER UPDATE OF doc ON ${table} BEGIN
    ${addCounts(values('OLD.doc'), '-')}
    ${addCounts(values('NEW.doc'), '+')}
    ${DROP_EMPTY}
  END;
  CREATE TRIGGER ${table}_sealed_delete AFTER DELETE ON ${table} BEGIN
    ${addCounts(values('OLD.doc'), '-')}
    ${DROP_EMPTY}
  END;
  ${addCounts(values('r.doc', `${table} AS r`), '+')}
  `;
}

export const SEALED_KEY_COUNTS_MIGRATION = `
  CREATE TABLE sealed_key_counts (key_id TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
  ${triggers('tenants')}
  ${triggers('connections')}
  ${triggers('users')}
`;
