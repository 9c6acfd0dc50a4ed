import type { Client, User, UserGrant } from './types.js';

/**
 * User consent to third-party applications, as Auth0 asks it. An application is first-party unless
 * `isFirstParty` is false (the Management API's `is_first_party`, default true); a first-party one
 * is the tenant's own and never asks. A third-party one hears nothing of a user until that user
 * allowed every scope it asks for; what was allowed is kept on the user record (User.grants), per
 * client, so the next login asks only for scopes beyond it, and prompt=consent asks again whatever
 * was allowed (OpenID Connect Core §3.1.2.1).
 */

/**
 * How many applications' grants one user record keeps. A person allows a handful; past the bound
 * the grant allowed longest ago is forgotten, and that application asks again at its next login.
 */
export const MAX_USER_GRANTS = 50;

export function isThirdParty(client: Pick<Client, 'isFirstParty'>): boolean {
  return client.isFirstParty === false;
}

/** The scopes the user allowed the client; none when it never asked. */
export function grantedScopes(user: Pick<User, 'grants'>, clientId: string): readonly string[] {
  return user.grants?.find((grant) => grant.clientId === clientId)?.scope ?? [];
}

/** Whether the person must be asked before `client` gets an answer for `user` with `scope`. */
export function consentNeeded(
  client: Pick<Client, 'clientId' | 'isFirstParty'>,
  user: Pick<User, 'grants'>,
  request: { readonly scope: readonly string[]; readonly prompt: readonly string[] },
): boolean {
  if (!isThirdParty(client)) return false;
  if (request.prompt.includes('consent')) return true;
  const granted = new Set(grantedScopes(user, client.clientId));
  return request.scope.some((scope) => !granted.has(scope));
}

/**
 * The user with `scope` added to the client's grant (made when there was none), dated `now`: what
 * the person allowed before stays allowed. The grant moves to the end, newest last.
 */
export function withGrant(user: User, clientId: string, scope: readonly string[], now: Date): User {
  const earlier = grantedScopes(user, clientId);
  const grant: UserGrant = { clientId, scope: [...new Set([...earlier, ...scope])], grantedAt: now.toISOString() };
  const others = (user.grants ?? []).filter((kept) => kept.clientId !== clientId);
  return { ...user, grants: [...others, grant].slice(-MAX_USER_GRANTS) };
}
