/**
 * Schema step for structured user search: one ordered index of field-qualified terms
 * ("email\u0001ada@example.com", see fieldTerms in user_indexing.ts), kept in the same transaction
 * as the user document. Users stored before this step are indexed the first time a tenant is
 * searched (user_field_backfill.ts), which records the tenant in user_field_terms_complete.
 */
export const USER_FIELD_TERMS_MIGRATION = `
  CREATE TABLE user_field_terms (
    tenant TEXT NOT NULL,
    term TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (tenant, term, user_id)
  ) WITHOUT ROWID;
  CREATE INDEX user_field_terms_by_user ON user_field_terms (tenant, user_id);
  CREATE TABLE user_field_terms_complete (tenant TEXT PRIMARY KEY) WITHOUT ROWID;
`;
