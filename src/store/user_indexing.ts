import { idsOf } from '../domain/identity_ids.js';
import type { User } from '../domain/types.js';
import { folded, matchesUserSearch, type UserSearch, type UserSearchClause, type UserSearchField, type UserSearchGroup } from '../domain/user_search.js';

/**
 * What both adapters index about a user, so they agree on what findByIdentity and search match.
 */

/**
 * Every (connection, upstream id) that finds this user: each id that names one of its identities
 * (domain/identity_ids.ts: its own, and its id at the upstream's previous API).
 */
export function identityKeys(user: User): Array<{ connection: string; upstreamId: string }> {
  const keys = new Map<string, { connection: string; upstreamId: string }>();
  for (const identity of user.identities) {
    for (const upstreamId of idsOf(identity)) {
      keys.set(JSON.stringify([identity.connection, upstreamId]), { connection: identity.connection, upstreamId });
    }
  }
  return [...keys.values()];
}

/** Searches see at most this many matches, like Auth0's user search (page through the first 1000). */
export const SEARCH_RESULT_LIMIT = 1000;

/** Lowercased email, name and user id: `q` matches a user when it is a prefix of one of them. */
export function searchTerms(user: User): string[] {
  const terms = [user.email, user.name, user.userId]
    .filter((term): term is string => typeof term === 'string' && term !== '')
    .map(normalizeSearchText);
  return [...new Set(terms)];
}

/** NUL separates term from user id in Redis' lexicographic index, so it never appears in a term. */
export function normalizeSearchText(text: string): string {
  return folded(text);
}

/** Separates the field from its value in a field term ("email\u0001ada@example.com"). */
const FIELD_SEPARATOR = '\u0001';

/**
 * The field index of structured searches: one term per searchable field value, lowercased, each
 * prefixed by its field so one ordered index serves every field (email, name, user id, every
 * identity's connection, and blocked as "true" or "false").
 */
export function fieldTerms(user: User): string[] {
  const terms = [
    fieldTerm('email', user.email),
    fieldTerm('name', user.name),
    fieldTerm('user_id', user.userId),
    fieldTerm('blocked', String(user.blocked === true)),
    ...user.identities.map((identity) => fieldTerm('identities.connection', identity.connection)),
  ];
  return [...new Set(terms.filter((term): term is string => term !== undefined))];
}

function fieldTerm(field: UserSearchField, value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : `${field}${FIELD_SEPARATOR}${folded(value)}`;
}

/** The field-index range a clause reads: the exact term, or every term starting with the value. */
export function clauseRange(clause: UserSearchClause): { term: string; prefix: boolean } {
  if (clause.field === 'any') throw new RangeError('a bare term is read from the search-term index');
  return { term: `${clause.field}${FIELD_SEPARATOR}${folded(clause.value)}`, prefix: clause.match === 'prefix' };
}

// Fewer users share an email or a user id than a name; nearly all share a connection, and
// blocked:false (ranked last of all) matches nearly everyone.
const SELECTIVITY: Record<UserSearchClause['field'], number> = {
  user_id: 0,
  email: 1,
  name: 2,
  any: 3,
  blocked: 4,
  'identities.connection': 5,
};

/** The clause whose index range a group is found through: exact before prefix, then the rarer field. */
function drivingClause(group: UserSearchGroup): UserSearchClause {
  const rank = (clause: UserSearchClause) =>
    clause.field === 'blocked' && clause.value === 'false' ? Number.MAX_SAFE_INTEGER : SELECTIVITY[clause.field] * 2 + (clause.match === 'exact' ? 0 : 1);
  const [first, ...rest] = group.all;
  if (!first) throw new RangeError('a search group needs at least one clause');
  return rest.reduce((best, clause) => (rank(clause) < rank(best) ? clause : best), first);
}

/**
 * Index entries one search reads at most, over all its groups: a search walks this far for its
 * first 1000 matches. One budget per request, not per group, so repeating a group buys no more.
 */
export const SEARCH_SCAN_LIMIT = SEARCH_RESULT_LIMIT * 20;

/**
 * Answers a structured search from candidate ids: for each distinct group, the ids its driving
 * clause's index range yields (in index order) are loaded and checked against the whole search;
 * matches are kept in group order, each user once, up to the search limit. Both adapters run this
 * with their own range reads and loads; between batches it lets other requests run, since the
 * embedded store reads synchronously.
 */
export async function runUserSearch(
  search: UserSearch,
  readRange: (clause: UserSearchClause, offset: number, count: number) => Promise<string[]>,
  load: (userIds: readonly string[]) => Promise<User[]>,
): Promise<User[]> {
  const found = new Map<string, User>();
  let budget = SEARCH_SCAN_LIMIT;
  for (const group of distinctGroups(search.any)) {
    const clause = drivingClause(group);
    for (let offset = 0; budget > 0 && found.size < SEARCH_RESULT_LIMIT; offset += SEARCH_BATCH) {
      const count = Math.min(SEARCH_BATCH, budget);
      const ids = await readRange(clause, offset, count);
      budget -= ids.length;
      const fresh = [...new Set(ids)].filter((id) => !found.has(id));
      for (const user of await load(fresh)) {
        if (found.size < SEARCH_RESULT_LIMIT && matchesUserSearch(user, search)) found.set(user.userId, user);
      }
      if (ids.length < count) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return [...found.values()];
}

/** A group written twice finds nothing more the second time. */
function distinctGroups(groups: readonly UserSearchGroup[]): UserSearchGroup[] {
  const seen = new Set<string>();
  return groups.filter((group) => {
    const key = JSON.stringify([...group.all].map((clause) => JSON.stringify(clause)).sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SEARCH_BATCH = 500;

/**
 * Walks matches in index order (term, then user id) and keeps each user's first match, up to the
 * search limit; both adapters feed their range scan through this.
 */
export function distinctUserIds(userIds: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const userId of userIds) {
    seen.add(userId);
    if (seen.size === SEARCH_RESULT_LIMIT) break;
  }
  return [...seen];
}
