import { StaleRecordError, type UserListQuery, type UserRepository } from '../../domain/ports.js';
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
import { createDocument, type DocumentWrite, deleteDocument, readDocuments, updateDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';
import { sealedUsageWrite } from './sealed_usage.js';

/** Separates the search term from the user id in the lexicographic search index. */
const SEPARATOR = '\u0000';
/** Users indexed per round trip by the field-index backfill. */
const BACKFILL_BATCH = 500;
/** Users' last-read texts kept for the update that follows (about one per login in flight). */
const LAST_READ_LIMIT = 1_000;

/**
 * Users as JSON strings with three indexes, written atomically with the document:
 * - `user_list:<tenant>`: sorted set scored by creation time, read in reverse for newest first
 *   (ZCARD is the count);
 * - `user_identity:<tenant>:<connection>:<upstream id>`: unique key holding the user id, one per
 *   upstream id and legacy id;
 * - `user_search:<tenant>`: lexicographic sorted set of "<term>\0<user id>", so a prefix search is
 *   one ZRANGE BYLEX;
 * - `user_field:<tenant>`: the same for field-qualified terms (structured search).
 */
export class RedisUserRepository implements UserRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Users' texts as last read here, so the update that usually follows a read (a login finds its
   * user, then records the login) skips reading it again. Taken by the update; bounded.
   */
  private readonly lastRead = new Map<string, string>();

  async get(tenant: string, userId: string): Promise<User | undefined> {
    const key = this.keys.user(tenant, userId);
    const json = await this.client.get(key);
    if (json === null) return undefined;
    if (this.lastRead.size >= LAST_READ_LIMIT) this.lastRead.delete(this.lastRead.keys().next().value!);
    this.lastRead.set(key, json);
    return JSON.parse(json) as User;
  }

  async findByIdentity(tenant: string, connection: string, upstreamUserId: string): Promise<User | undefined> {
    const userId = await this.client.get(this.keys.userIdentity(tenant, connection, upstreamUserId));
    return userId === null ? undefined : this.get(tenant, userId);
  }

  async create(user: User): Promise<void> {
    await createDocument(
      this.client,
      { ...this.indexWrite(user), expect: null, doc: JSON.stringify(user) },
      `user ${user.userId}`,
    );
  }

  async update(user: User): Promise<User> {
    const key = this.keys.user(user.tenant, user.userId);
    const lastRead = this.lastRead.get(key);
    this.lastRead.delete(key);
    const stored = nextRevision(user);
    await updateDocument<User>(this.client, key, `user ${user.userId}`, (current, currentJson) => {
      // The document's compare-and-set keeps the indexes true; the revision keeps the caller's change
      // from replacing one written since its read (a retry here would otherwise write it over that).
      if (!isSameRevision(current, user)) throw new StaleRecordError(`user ${user.userId}`);
      // Only the index entries that change are written: a returning user's login (new tokens, a
      // login count) changes none, and the document's compare-and-set keeps the kept entries true.
      const before = this.indexWrite(current);
      const after = this.indexWrite(user);
      const entry = (op: { key: string; member: string }): string => `${op.key}\u0000${op.member}`;
      const claimedBefore = new Set(before.claim.map((claim) => claim.key));
      const claimedAfter = new Set(after.claim.map((claim) => claim.key));
      const listedBefore = new Map(before.zadd.map((op) => [entry(op), op.score]));
      const listedAfter = new Map(after.zadd.map((op) => [entry(op), op.score]));
      return {
        ...after,
        expect: currentJson,
        doc: JSON.stringify(stored),
        claim: after.claim.filter((claim) => !claimedBefore.has(claim.key)),
        release: before.claim.filter((claim) => !claimedAfter.has(claim.key)).map((claim) => claim.key),
        zrem: before.zadd.filter((op) => listedAfter.get(entry(op)) !== op.score).map(({ key: set, member }) => ({ key: set, member })),
        zadd: after.zadd.filter((op) => listedBefore.get(entry(op)) !== op.score),
      };
    }, lastRead);
    return stored;
  }

  async delete(tenant: string, userId: string): Promise<boolean> {
    return deleteDocument<User>(this.client, this.keys.user(tenant, userId), (current, currentJson) => {
      const indexes = this.indexWrite(current);
      return {
        key: indexes.key,
        owner: userId,
        expect: currentJson,
        doc: null,
        release: indexes.claim?.map((claim) => claim.key),
        zrem: indexes.zadd?.map(({ key: set, member }) => ({ key: set, member })),
        sealed: sealedUsageWrite(this.keys, undefined),
      };
    });
  }

  async list(tenant: string, query: UserListQuery): Promise<Page<User>> {
    const { offset, limit } = pageWindow(query);
    if (query.search) return this.structuredSearch(tenant, query.search, offset, limit);
    const q = query.q === undefined ? '' : normalizeSearchText(query.q.trim());
    if (q !== '') return this.search(tenant, q, offset, limit);
    const [ids, total] = await Promise.all([
      this.client.zRange(this.keys.userList(tenant), offset, offset + limit - 1, { REV: true }),
      this.count(tenant),
    ]);
    return { items: await readDocuments<User>(this.client, ids.map((id) => this.keys.user(tenant, id))), total };
  }

  async count(tenant: string): Promise<number> {
    return this.client.zCard(this.keys.userList(tenant));
  }

  private async search(tenant: string, q: string, offset: number, limit: number): Promise<Page<User>> {
    // 0xFF never occurs in UTF-8, so "[q" … "(q\xff" is exactly the members starting with q.
    const end = Buffer.concat([Buffer.from(`(${q}`), Buffer.from([0xff])]);
    const members = await this.client.zRange(this.keys.userSearch(tenant), `[${q}`, end, {
      BY: 'LEX',
      LIMIT: { offset: 0, count: SEARCH_RESULT_LIMIT * 3 },
    });
    const matches = distinctUserIds(members.map((member) => member.slice(member.indexOf(SEPARATOR) + 1)));
    const page = matches.slice(offset, offset + limit);
    return { items: await readDocuments<User>(this.client, page.map((id) => this.keys.user(tenant, id))), total: matches.length };
  }

  private async structuredSearch(tenant: string, search: UserSearch, offset: number, limit: number): Promise<Page<User>> {
    await this.backfillFieldTerms(tenant);
    const matches = await runUserSearch(
      search,
      (clause, from, count) => this.readRange(tenant, clause, from, count),
      (userIds) => readDocuments<User>(this.client, userIds.map((id) => this.keys.user(tenant, id))),
    );
    return { items: matches.slice(offset, offset + limit), total: matches.length };
  }

  private async readRange(tenant: string, clause: UserSearchClause, offset: number, count: number): Promise<string[]> {
    const [key, term, prefix] =
      clause.field === 'any'
        ? [this.keys.userSearch(tenant), normalizeSearchText(clause.value), true]
        : [this.keys.userFieldTerms(tenant), clauseRange(clause).term, clauseRange(clause).prefix];
    // An exact term is followed by the separator; a prefix by anything. 0xFF never occurs in UTF-8.
    const start = prefix ? `[${term}` : `[${term}${SEPARATOR}`;
    const end = Buffer.concat([Buffer.from(prefix ? `(${term}` : `(${term}${SEPARATOR}`), Buffer.from([0xff])]);
    const members = await this.client.zRange(key, start, end, { BY: 'LEX', LIMIT: { offset, count } });
    return members.map((member) => member.slice(member.lastIndexOf(SEPARATOR) + 1));
  }

  /**
   * Indexes the field terms of users stored before the field index existed, once per tenant. A
   * user changed meanwhile may leave a stale entry; search checks every candidate on its record.
   */
  private async backfillFieldTerms(tenant: string): Promise<void> {
    const done = this.keys.userFieldTermsComplete(tenant);
    if ((await this.client.exists(done)) > 0) return;
    for (let offset = 0; ; offset += BACKFILL_BATCH) {
      const ids = await this.client.zRange(this.keys.userList(tenant), offset, offset + BACKFILL_BATCH - 1);
      const users = await readDocuments<User>(this.client, ids.map((id) => this.keys.user(tenant, id)));
      const members = users.flatMap((user) => fieldTerms(user).map((term) => ({ score: 0, value: `${term}${SEPARATOR}${user.userId}` })));
      if (members.length > 0) await this.client.zAdd(this.keys.userFieldTerms(tenant), members);
      if (ids.length < BACKFILL_BATCH) break;
    }
    await this.client.set(done, new Date().toISOString());
  }

  /** The user's document key and every index entry it owns, as a creating write. */
  private indexWrite(user: User): DocumentWrite & { claim: NonNullable<DocumentWrite['claim']>; zadd: NonNullable<DocumentWrite['zadd']> } {
    return {
      key: this.keys.user(user.tenant, user.userId),
      expect: null,
      doc: null,
      owner: user.userId,
      claim: identityKeys(user).map(({ connection, upstreamId }) => ({
        key: this.keys.userIdentity(user.tenant, connection, upstreamId),
        what: `identity ${connection}|${upstreamId}`,
      })),
      zadd: [
        { key: this.keys.userList(user.tenant), score: Date.parse(user.createdAt), member: user.userId },
        ...searchTerms(user).map((term) => ({ key: this.keys.userSearch(user.tenant), score: 0, member: `${term}${SEPARATOR}${user.userId}` })),
        ...fieldTerms(user).map((term) => ({ key: this.keys.userFieldTerms(user.tenant), score: 0, member: `${term}${SEPARATOR}${user.userId}` })),
      ],
      sealed: sealedUsageWrite(this.keys, { kind: 'user', record: user }),
    };
  }
}
