import type { User } from '../domain/types.js';

/**
 * What both adapters index about a user, so they agree on what findByIdentity and search match.
 */

/** Every (connection, upstream id) that finds this user: each identity's id and its legacy Fitbit id. */
export function identityKeys(user: User): Array<{ connection: string; upstreamId: string }> {
  const keys = new Map<string, { connection: string; upstreamId: string }>();
  for (const identity of user.identities) {
    for (const upstreamId of [identity.userId, identity.legacyUserId]) {
      if (upstreamId) keys.set(JSON.stringify([identity.connection, upstreamId]), { connection: identity.connection, upstreamId });
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
  return text.toLowerCase().replaceAll('\u0000', '');
}

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
