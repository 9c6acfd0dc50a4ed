import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError, type UserListQuery, type UserRepository } from '../../domain/ports.js';
import type { Page, User } from '../../domain/types.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import { pageWindow } from '../paging.js';
import type { UserSearch, UserSearchClause } from '../../domain/user_search.js';
import {
  clauseRange,
  distinctUserIds,
  fieldTerms,
  identityKeys,
  normalizeSearchText,
  runUserSearch,
  SEARCH_RESULT_LIMIT,
  searchTerms,
} from '../user_indexing.js';
import type { SqliteDatabase } from './database.js';
import type { GroupCommit } from './group_commit.js';
import { countOf, docOf, isUniqueViolation } from './sql_support.js';
import { backfillFieldTerms } from './user_field_backfill.js';

/** Sorts after every string that starts with the prefix (U+10FFFF is the largest code point). */
const PREFIX_END = '\u{10FFFF}';

/**
 * Users as documents, with four indexes kept in the same transaction as the document: identities
 * (login lookup), search terms (prefix search), field terms (structured search) and a per-tenant count. Every query is an index
 * range or probe, so none slows down with the number of users (test/integration/store/query_plans).
 */
export class SqliteUserRepository implements UserRepository {
  constructor(
    private readonly db: SqliteDatabase,
    /** fitgate.db's group commit: a login's user write shares its fsync with concurrent ones. */
    private readonly writes: GroupCommit,
  ) {}

  async get(tenant: string, userId: string): Promise<User | undefined> {
    return docOf<User>(this.db.prepare('SELECT doc FROM users WHERE tenant = ? AND user_id = ?').get(tenant, userId));
  }

  async findByIdentity(tenant: string, connection: string, upstreamUserId: string): Promise<User | undefined> {
    const sql = `SELECT u.doc FROM user_identities i JOIN users u ON u.tenant = i.tenant AND u.user_id = i.user_id
                 WHERE i.tenant = ? AND i.connection = ? AND i.upstream_id = ?`;
    return docOf<User>(this.db.prepare(sql).get(tenant, connection, upstreamUserId));
  }

  async create(user: User): Promise<void> {
    await this.writes.run(() => {
      try {
        this.db
          .prepare('INSERT INTO users (tenant, user_id, created_at, doc) VALUES (?, ?, ?, ?)')
          .run(user.tenant, user.userId, user.createdAt, JSON.stringify(user));
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`user ${user.userId}`) : error;
      }
      this.insertIndexes(user);
      this.db
        .prepare('INSERT INTO user_counts (tenant, count) VALUES (?, 1) ON CONFLICT (tenant) DO UPDATE SET count = count + 1')
        .run(user.tenant);
    });
  }

  /**
   * Rewrites the document and only the index entries that change: a returning user's login (new
   * tokens, a login count) changes none, so it writes one row instead of a dozen.
   */
  async update(user: User): Promise<User> {
    return this.writes.run(() => {
      // Read inside the write transaction: no other process can write the user between the check and the write.
      const before = docOf<User>(this.db.prepare('SELECT doc FROM users WHERE tenant = ? AND user_id = ?').get(user.tenant, user.userId));
      if (!before) throw new NotFoundInStoreError(`user ${user.userId}`);
      if (!isSameRevision(before, user)) throw new StaleRecordError(`user ${user.userId}`);
      const stored = nextRevision(user);
      this.db
        .prepare('UPDATE users SET created_at = ?, doc = ? WHERE tenant = ? AND user_id = ?')
        .run(stored.createdAt, JSON.stringify(stored), stored.tenant, stored.userId);
      this.updateIndexes(before, stored);
      return stored;
    });
  }

  async delete(tenant: string, userId: string): Promise<boolean> {
    return this.writes.run(() => {
      const { changes } = this.db.prepare('DELETE FROM users WHERE tenant = ? AND user_id = ?').run(tenant, userId);
      if (changes === 0) return false;
      this.deleteIndexes(tenant, userId);
      this.db.prepare('UPDATE user_counts SET count = count - 1 WHERE tenant = ?').run(tenant);
      return true;
    });
  }

  async list(tenant: string, query: UserListQuery): Promise<Page<User>> {
    const { limit, offset } = pageWindow(query);
    if (query.search) return this.structuredSearch(tenant, query.search, limit, offset);
    const q = query.q === undefined ? '' : normalizeSearchText(query.q.trim());
    if (q !== '') return this.search(tenant, q, limit, offset);
    const sql = 'SELECT doc FROM users WHERE tenant = ? ORDER BY created_at DESC, user_id DESC LIMIT ? OFFSET ?';
    const rows = this.db.prepare(sql).all(tenant, limit, offset);
    return { items: rows.map((row) => docOf<User>(row) as User), total: await this.count(tenant) };
  }

  async count(tenant: string): Promise<number> {
    return countOf(this.db.prepare('SELECT count AS n FROM user_counts WHERE tenant = ?').get(tenant));
  }

  private search(tenant: string, q: string, limit: number, offset: number): Page<User> {
    // Each user has at most three terms, so this many index entries hold the first SEARCH_RESULT_LIMIT users.
    const sql = `SELECT user_id FROM user_search_terms WHERE tenant = ? AND term >= ? AND term < ?
                 ORDER BY term, user_id LIMIT ?`;
    const rows = this.db.prepare(sql).all(tenant, q, q + PREFIX_END, SEARCH_RESULT_LIMIT * 3) as Array<{ user_id: string }>;
    const matches = distinctUserIds(rows.map((row) => row.user_id));
    const get = this.db.prepare('SELECT doc FROM users WHERE tenant = ? AND user_id = ?');
    // A user deleted by another process since the index scan is simply left out.
    const items = matches.slice(offset, offset + limit).flatMap((userId) => docOf<User>(get.get(tenant, userId)) ?? []);
    return { items, total: matches.length };
  }

  private async structuredSearch(tenant: string, search: UserSearch, limit: number, offset: number): Promise<Page<User>> {
    await backfillFieldTerms(this.db, tenant, (user) => this.insertFieldTerms(user));
    const get = this.db.prepare('SELECT doc FROM users WHERE tenant = ? AND user_id = ?');
    const matches = await runUserSearch(
      search,
      async (clause, offset, count) => this.readRange(tenant, clause, offset, count),
      async (userIds) => userIds.flatMap((userId) => docOf<User>(get.get(tenant, userId)) ?? []),
    );
    return { items: matches.slice(offset, offset + limit), total: matches.length };
  }

  private readRange(tenant: string, clause: UserSearchClause, offset: number, count: number): string[] {
    const [table, term, prefix] =
      clause.field === 'any'
        ? ['user_search_terms', normalizeSearchText(clause.value), true]
        : ['user_field_terms', clauseRange(clause).term, clauseRange(clause).prefix];
    const [range, bounds] = prefix ? ['term >= ? AND term < ?', [term, term + PREFIX_END]] : ['term = ?', [term]];
    const sql = `SELECT user_id FROM ${table} WHERE tenant = ? AND ${range} ORDER BY term, user_id LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(tenant, ...bounds, count, offset) as Array<{ user_id: string }>;
    return rows.map((row) => row.user_id);
  }

  private insertFieldTerms(user: User): void {
    const term = this.db.prepare('INSERT OR IGNORE INTO user_field_terms (tenant, term, user_id) VALUES (?, ?, ?)');
    for (const text of fieldTerms(user)) term.run(user.tenant, text, user.userId);
  }

  private insertIndexes(user: User): void {
    this.insertIdentities(user.tenant, user.userId, identityKeys(user));
    const term = this.db.prepare('INSERT INTO user_search_terms (tenant, term, user_id) VALUES (?, ?, ?)');
    for (const text of searchTerms(user)) term.run(user.tenant, text, user.userId);
    this.insertFieldTerms(user);
  }

  private insertIdentities(tenant: string, userId: string, keys: Array<{ connection: string; upstreamId: string }>): void {
    const identity = this.db.prepare('INSERT INTO user_identities (tenant, connection, upstream_id, user_id) VALUES (?, ?, ?, ?)');
    for (const { connection, upstreamId } of keys) {
      try {
        identity.run(tenant, connection, upstreamId, userId);
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`identity ${connection}|${upstreamId}`) : error;
      }
    }
  }

  private updateIndexes(before: User, after: User): void {
    const { tenant, userId } = after;
    const identities = changedEntries(identityKeys(before), identityKeys(after), (key) => JSON.stringify([key.connection, key.upstreamId]));
    const dropIdentity = this.db.prepare('DELETE FROM user_identities WHERE tenant = ? AND connection = ? AND upstream_id = ? AND user_id = ?');
    for (const key of identities.removed) dropIdentity.run(tenant, key.connection, key.upstreamId, userId);
    this.insertIdentities(tenant, userId, identities.added);

    for (const [table, termsOf, insert] of [
      ['user_search_terms', searchTerms, 'INSERT INTO'],
      ['user_field_terms', fieldTerms, 'INSERT OR IGNORE INTO'],
    ] as const) {
      const terms = changedEntries(termsOf(before), termsOf(after), (term) => term);
      const drop = this.db.prepare(`DELETE FROM ${table} WHERE tenant = ? AND term = ? AND user_id = ?`);
      for (const term of terms.removed) drop.run(tenant, term, userId);
      const add = this.db.prepare(`${insert} ${table} (tenant, term, user_id) VALUES (?, ?, ?)`);
      for (const term of terms.added) add.run(tenant, term, userId);
    }
  }

  private deleteIndexes(tenant: string, userId: string): void {
    this.db.prepare('DELETE FROM user_identities WHERE tenant = ? AND user_id = ?').run(tenant, userId);
    this.db.prepare('DELETE FROM user_search_terms WHERE tenant = ? AND user_id = ?').run(tenant, userId);
    this.db.prepare('DELETE FROM user_field_terms WHERE tenant = ? AND user_id = ?').run(tenant, userId);
  }
}

/** The index entries an update removes and adds, each entry named by `keyOf`. */
function changedEntries<T>(before: readonly T[], after: readonly T[], keyOf: (entry: T) => string): { removed: T[]; added: T[] } {
  const keysBefore = new Set(before.map(keyOf));
  const keysAfter = new Set(after.map(keyOf));
  return {
    removed: before.filter((entry) => !keysAfter.has(keyOf(entry))),
    added: after.filter((entry) => !keysBefore.has(keyOf(entry))),
  };
}
