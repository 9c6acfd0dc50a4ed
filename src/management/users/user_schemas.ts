import { z } from 'zod';

/** Auth0's metadata objects: JSON objects (a top-level key set to null removes it). */
const metadataPatch = z.record(z.string().min(1).max(255), z.unknown(), { error: 'Must be an object' }).refine(
  (value) => JSON.stringify(value).length <= 16_384,
  'Must be at most 16 KB of JSON',
);

/**
 * PATCH /users/{id}: the root attributes. With the connection's set_user_root_attributes at
 * on_each_login the next login overwrites them from the upstream profile; on_first_login keeps them.
 * app_metadata and user_metadata are merged as Auth0 merges them (src/domain/user_metadata.ts), and
 * never touched by a login.
 */
export const updateUserBody = z.strictObject({
  email: z.email({ error: 'Must be an email address' }).optional(),
  email_verified: z.boolean().optional(),
  name: z.string().trim().min(1, 'Must not be empty').max(300).optional(),
  nickname: z.string().trim().min(1, 'Must not be empty').max(300).optional(),
  given_name: z.string().trim().min(1, 'Must not be empty').max(150).optional(),
  family_name: z.string().trim().min(1, 'Must not be empty').max(150).optional(),
  // Applications put it in an <img src> or a link: a web address only, never javascript: or data:.
  picture: z.url({ protocol: /^https?$/, error: 'Must be an http or https URL' }).optional(),
  app_metadata: metadataPatch.optional(),
  user_metadata: metadataPatch.optional(),
  blocked: z.boolean({ error: 'Must be true or false' }).optional(),
});

export type UpdateUserBody = z.infer<typeof updateUserBody>;

/**
 * `q` in Auth0's user-search syntax (the subset in user_search_query.ts); v3 is the only engine.
 * `sort` is checked by user_sort.ts.
 */
export const userListQuery = z.looseObject({
  q: z.string().max(1000, 'Must be at most 1000 characters').optional(),
  search_engine: z.enum(['v3'], { error: 'Must be v3' }).optional(),
  sort: z.string().max(100, 'Must be at most 100 characters').optional(),
});

/** GET /users-by-email: the exact email, case-sensitive as Auth0 documents it. */
export const usersByEmailQuery = z.looseObject({
  email: z.string({ error: 'Must be an email address' }).min(1, 'Must be an email address').max(320, 'Must be at most 320 characters'),
});
