import { mergeMetadata, type MetadataPatch } from '../../domain/user_metadata.js';
import type { User } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';
import { MAX_USER_METADATA_JSON_BYTES, metadataJsonBytes } from './metadata_bounds.js';
import type { UpdateUserBody } from './user_schemas.js';

type RootAttribute = 'email' | 'name' | 'nickname' | 'givenName' | 'familyName' | 'picture';

/** The root attributes a PATCH may set or, with null, remove: Auth0's name → fitgate's. */
const ROOT_ATTRIBUTES = [
  ['email', 'email'],
  ['name', 'name'],
  ['nickname', 'nickname'],
  ['given_name', 'givenName'],
  ['family_name', 'familyName'],
  ['picture', 'picture'],
] as const satisfies readonly (readonly [keyof UpdateUserBody, RootAttribute])[];

/**
 * The user with the PATCH applied (Auth0's rules). An attribute set to null is removed, as if the
 * upstream profile never had it: the user is shown without it, its id_token and /userinfo leave the
 * claim out, and with set_user_root_attributes at on_each_login the next login fills it in again from
 * the profile. No fallback is made up (a removed name stays removed, not rebuilt from given_name).
 * Removing the email removes email_verified with it, since there is no email left to be verified.
 * Metadata is merged (src/domain/user_metadata.ts) and held to its size limit. Runs once per write
 * attempt, inside domain/user_changes.ts's changeUser, which ends the user's browser sessions when
 * the PATCH blocks them: computes only (or refuses).
 */
export function patchedUser(user: User, body: UpdateUserBody, now: Date): User {
  const updated: User = { ...user, updatedAt: now.toISOString() };
  for (const [field, key] of ROOT_ATTRIBUTES) {
    const value = body[field];
    if (value === null) delete updated[key];
    else if (value !== undefined) updated[key] = value;
  }
  if (body.email === null) delete updated.emailVerified;
  if (body.email_verified !== undefined) updated.emailVerified = body.email_verified;
  if (body.blocked !== undefined) updated.blocked = body.blocked;
  if (body.app_metadata !== undefined) setMetadata(updated, 'appMetadata', mergedMetadata(user.appMetadata, body.app_metadata, 'app_metadata'));
  if (body.user_metadata !== undefined) setMetadata(updated, 'userMetadata', mergedMetadata(user.userMetadata, body.user_metadata, 'user_metadata'));
  return updated;
}

/**
 * The merge, held to the size a stored object may have (in UTF-8 bytes, metadata_bounds.ts). A patch
 * that leaves it no larger than it was is always taken, so one stored above the limit (before the
 * limit was checked on the merge, or counted in bytes) can still be trimmed. Its depth needs no check:
 * the merge keeps the stored keys it does not replace as they were, and the patch's are held to it.
 */
function mergedMetadata(stored: Readonly<Record<string, unknown>> | undefined, patch: MetadataPatch, field: string): Record<string, unknown> | undefined {
  const merged = mergeMetadata(stored, patch);
  const bytes = merged === undefined ? 0 : metadataJsonBytes(merged);
  if (bytes > MAX_USER_METADATA_JSON_BYTES && bytes > metadataJsonBytes(stored)) {
    const kilobytes = Math.ceil(bytes / 1024);
    throw new BadRequestError(`Payload validation error: 'Must be at most 16 KB of JSON (${kilobytes} KB once merged with what is stored)' on property ${field}.`, 'invalid_body');
  }
  return merged;
}

function setMetadata(user: User, key: 'appMetadata' | 'userMetadata', value: Record<string, unknown> | undefined): void {
  if (value === undefined) delete user[key];
  else user[key] = value;
}
