import { createHash, randomBytes } from 'node:crypto';
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
 * The user with `scope` added to the client's grant (made when there was none, with a new id), dated
 * `now`: what the person allowed before stays allowed, under the same id. The grant moves to the
 * end, newest last.
 */
export function withGrant(user: User, clientId: string, scope: readonly string[], now: Date): User {
  const earlier = user.grants?.find((grant) => grant.clientId === clientId);
  const grant: UserGrant = {
    id: earlier ? userGrantId(user, earlier) : newGrantId(user.userId),
    clientId,
    scope: [...new Set([...(earlier?.scope ?? []), ...scope])],
    grantedAt: now.toISOString(),
  };
  const others = (user.grants ?? []).filter((kept) => kept.clientId !== clientId);
  return { ...user, grants: [...others, grant].slice(-MAX_USER_GRANTS) };
}

/**
 * The user without the grants `revoked` picks: those applications ask again at their next login,
 * and the tokens issued under those grants are refused (consentStands). The same user when it picks
 * none, so updateUser writes nothing.
 */
export function withoutGrants(user: User, revoked: (grant: UserGrant) => boolean): User {
  const grants = user.grants ?? [];
  const kept = grants.filter((grant) => !revoked(grant));
  return kept.length === grants.length ? user : { ...user, grants: kept };
}

/*
 * Grant ids (the Management API's /api/v2/grants/{id}) name the user whose record holds the grant,
 * since nothing indexes grants by id: `<user id in base64url>.<the grant's own part>`. The own part
 * is random for a grant recorded now, and for one recorded before grants kept an id, a hash of the
 * tenant, user and client: the same at every read, and another user's or tenant's never.
 */
const ID_SEPARATOR = '.';
const OWN_PART = /^[A-Za-z0-9_-]{16,64}$/;

function userPart(userId: string): string {
  return Buffer.from(userId, 'utf8').toString('base64url');
}

function newGrantId(userId: string): string {
  return `${userPart(userId)}${ID_SEPARATOR}${randomBytes(16).toString('base64url')}`;
}

/** The grant's id: as stored, or derived for one stored before ids were kept. */
export function userGrantId(user: Pick<User, 'tenant' | 'userId'>, grant: Pick<UserGrant, 'id' | 'clientId'>): string {
  if (grant.id !== undefined) return grant.id;
  const own = createHash('sha256').update(`${user.tenant}\n${user.userId}\n${grant.clientId}`, 'utf8').digest('base64url').slice(0, 22);
  return `${userPart(user.userId)}${ID_SEPARATOR}${own}`;
}

/** The id of the user whose record holds grant `id`; undefined when `id` is no grant id fitgate made. */
export function userIdOfGrant(id: string): string | undefined {
  const at = id.indexOf(ID_SEPARATOR);
  if (at <= 0 || !OWN_PART.test(id.slice(at + 1))) return undefined;
  const part = id.slice(0, at);
  const userId = Buffer.from(part, 'base64url').toString('utf8');
  // Only the spelling fitgate writes: any other text that happens to decode names no grant.
  return userId !== '' && userPart(userId) === part ? userId : undefined;
}

/** The user's grant with id `id`, if the record holds it. */
export function findUserGrant(user: Pick<User, 'tenant' | 'userId' | 'grants'>, id: string): UserGrant | undefined {
  return user.grants?.find((grant) => userGrantId(user, grant) === id);
}

/** The id of the user's grant to `clientId`, when there is one: what a code issued now is issued under. */
export function consentGrantIdOf(user: Pick<User, 'tenant' | 'userId' | 'grants'>, clientId: string): string | undefined {
  const grant = user.grants?.find((held) => held.clientId === clientId);
  return grant && userGrantId(user, grant);
}

/**
 * Whether tokens of `client` issued under the user's grant `consentGrantId` (consentGrantIdOf when
 * the code was issued), carrying `scope`, may still be issued for `user`: a first-party client's
 * always; a third-party client's while the user's grant to it is that same grant (any grant, for a
 * code or refresh token from before they kept it) and covers every scope they carry. A grant revoked
 * (DELETE /api/v2/grants, or pushed out by MAX_USER_GRANTS) and given again later is a new grant,
 * under which the old tokens were not issued. A grant only grows, so the scope bound refuses only
 * tokens issued while the client was first-party, which nobody was asked about: what the person
 * allowed before or after must not stand for more.
 */
export function consentStands(
  client: Pick<Client, 'clientId' | 'isFirstParty'>,
  user: Pick<User, 'tenant' | 'userId' | 'grants'>,
  issued: { readonly consentGrantId: string | undefined; readonly scope: readonly string[] },
): boolean {
  if (!isThirdParty(client)) return true;
  const current = consentGrantIdOf(user, client.clientId);
  if (current === undefined || (issued.consentGrantId !== undefined && issued.consentGrantId !== current)) return false;
  const granted = new Set(grantedScopes(user, client.clientId));
  return issued.scope.every((scope) => granted.has(scope));
}
