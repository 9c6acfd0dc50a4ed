/** A metadata patch as Auth0 reads it: top-level keys, where null means "remove this key". */
export type MetadataPatch<V = unknown> = Record<string, V | null>;

/**
 * Auth0's PATCH merge of metadata: app_metadata and user_metadata on /users/{id}
 * (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api), and
 * client_metadata on /clients/{id}, which Auth0 documents as behaving the same. Top-level keys are
 * merged into what is stored; a key set to null is removed; a nested object is not merged but
 * replaces the stored value whole; an empty patch object removes the metadata completely. Undefined
 * means there is no metadata left. `V` is what a value may be (unknown for a user's, string for a
 * client's); it is never inferred, so a patch of another shape than the stored values still merges.
 */
export function mergeMetadata<V = unknown>(
  current: Readonly<Record<string, NoInfer<V>>> | undefined,
  patch: MetadataPatch<NoInfer<V>>,
): Record<string, V> | undefined {
  if (Object.keys(patch).length === 0) return undefined;
  const merged: Record<string, V> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}
