/**
 * How large and how deep one user's app_metadata or user_metadata may be. Auth0 stores up to 16 MB
 * of both together per user and recommends 16 kB as the practical upper limit of each (every login
 * and every page of users reads the record); fitgate holds each object to that 16 kB, a patch and
 * what is stored once a patch is merged into it (user_patch.ts), since patches of new keys would
 * otherwise add up without bound.
 */

/** 16 KB of JSON, counted in UTF-8 bytes as stored and sent: a CJK character is three of them. */
export const MAX_USER_METADATA_JSON_BYTES = 16_384;

/**
 * Objects and arrays nested at most this deep, the metadata object itself the first level. Auth0
 * documents no depth; the store's JSON functions refuse a document nested about 1000 deep (SQLite's
 * JSON_MAX_DEPTH), and JSON.stringify runs out of stack long before the body limit, so a bound is
 * needed, and real metadata is a few levels deep.
 */
export const MAX_USER_METADATA_DEPTH = 32;

/** The size of `value` as JSON, in UTF-8 bytes. */
export function metadataJsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? {}), 'utf8');
}

/**
 * Whether `value` nests objects and arrays at most `levels` deep (a scalar is none, `{}` one). Looks
 * no deeper than `levels`, so a value nested thousands deep costs no more than one nested `levels`.
 */
export function nestedWithin(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (levels === 0) return false;
  return Object.values(value).every((child) => nestedWithin(child, levels - 1));
}
