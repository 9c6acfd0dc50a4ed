import type { User } from './types.js';

/**
 * A user search as the repositories take it: the part of Auth0's user-search (v3) syntax fitgate
 * can answer from its indexes. The Management API parses `q` into this; the stores never see text.
 */

/** The fields a clause may name, as Auth0 spells them. */
export type UserSearchField = 'email' | 'name' | 'user_id' | 'identities.connection' | 'blocked';

export type UserSearchClause =
  /** `email:"a@b.c"`, `user_id:"fitbit|X"`, `name:"Ada Lovelace"`, `identities.connection:fitbit`, `blocked:true`. */
  | { readonly field: UserSearchField; readonly match: 'exact'; readonly value: string }
  /** `name:ada*`: the field starts with the value. */
  | { readonly field: 'email' | 'name' | 'user_id'; readonly match: 'prefix'; readonly value: string }
  /** A bare term inside AND / OR: email, name or user id starts with it (today's bare `q`). */
  | { readonly field: 'any'; readonly match: 'prefix'; readonly value: string };

/** Clauses joined by AND. */
export interface UserSearchGroup {
  readonly all: readonly UserSearchClause[];
}

/** Groups joined by OR (AND binds tighter, as in Lucene). */
export interface UserSearch {
  readonly any: readonly UserSearchGroup[];
}

/**
 * Whether the user matches, read from the record itself. The stores use their indexes to find
 * candidates and this to decide, so a stale index entry can never make a wrong match. Email, name
 * and connection compare case-insensitively; user ids exactly (they are case-sensitive upstream).
 */
export function matchesUserSearch(user: User, search: UserSearch): boolean {
  return search.any.some((group) => group.all.every((clause) => matchesClause(user, clause)));
}

function matchesClause(user: User, clause: UserSearchClause): boolean {
  switch (clause.field) {
    case 'any':
      return [user.email, user.name, user.userId].some((text) => text !== undefined && folded(text).startsWith(folded(clause.value)));
    case 'blocked':
      return String(user.blocked === true) === clause.value;
    case 'identities.connection':
      return user.identities.some((identity) => folded(identity.connection) === folded(clause.value));
    case 'user_id':
      return clause.match === 'exact' ? user.userId === clause.value : user.userId.startsWith(clause.value);
    case 'email':
    case 'name': {
      const text = clause.field === 'email' ? user.email : user.name;
      if (text === undefined) return false;
      return clause.match === 'exact' ? folded(text) === folded(clause.value) : folded(text).startsWith(folded(clause.value));
    }
  }
}

/** Lowercased, without NUL (the indexes' separator): how search text is compared and indexed. */
export function folded(text: string): string {
  return text.toLowerCase().replaceAll('\u0000', '');
}
