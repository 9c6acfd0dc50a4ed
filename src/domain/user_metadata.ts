/** A metadata patch as Auth0 reads it: top-level keys, where null means "remove this key". */
export type MetadataPatch = Record<string, unknown>;

/**
 * Auth0's PATCH /users/{id} merge of app_metadata and user_metadata
 * (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api): top-level keys
 * are merged into what is stored; a key set to null is removed; a nested object is not merged but
 * replaces the stored value whole; an empty patch object removes the metadata completely. Undefined
 * means there is no metadata left.
 */
export function mergeMetadata(
  current: Readonly<Record<string, unknown>> | undefined,
  patch: MetadataPatch,
): Record<string, unknown> | undefined {
  if (Object.keys(patch).length === 0) return undefined;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}
