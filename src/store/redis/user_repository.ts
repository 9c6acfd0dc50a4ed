import type { UserListQuery, UserRepository } from '../../domain/ports.js';
import type { Page, User } from '../../domain/types.js';
import { pageWindow } from '../paging.js';
import { distinctUserIds, identityKeys, normalizeSearchText, SEARCH_RESULT_LIMIT, searchTerms } from '../user_indexing.js';
import { createDocument, type DocumentWrite, deleteDocument, readDocument, readDocuments, updateDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';
import { sealedUsageWrite } from './sealed_usage.js';

/** Separates the search term from the user id in the lexicographic search index. */
const SEPARATOR = '\u0000';

/**
 * Users as JSON strings with three indexes, written atomically with the document:
 * - `user_list:<tenant>`: sorted set scored by creation time, read in reverse for newest first
 *   (ZCARD is the count);
 * - `user_identity:<tenant>:<connection>:<upstream id>`: unique key holding the user id, one per
 *   upstream id and legacy id;
 * - `user_search:<tenant>`: lexicographic sorted set of "<term>\0<user id>", so a prefix search is
 *   one ZRANGE BYLEX.
 */
export class RedisUserRepository implements UserRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(tenant: string, userId: string): Promise<User | undefined> {
    return readDocument<User>(this.client, this.keys.user(tenant, userId));
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

  async update(user: User): Promise<void> {
    const key = this.keys.user(user.tenant, user.userId);
    await updateDocument<User>(this.client, key, `user ${user.userId}`, (current, currentJson) => {
      const before = this.indexWrite(current);
      const after = this.indexWrite(user);
      return {
        ...after,
        expect: currentJson,
        doc: JSON.stringify(user),
        release: before.claim?.map((claim) => claim.key),
        zrem: before.zadd?.map(({ key: set, member }) => ({ key: set, member })),
      };
    });
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
      ],
      sealed: sealedUsageWrite(this.keys, { kind: 'user', record: user }),
    };
  }
}
