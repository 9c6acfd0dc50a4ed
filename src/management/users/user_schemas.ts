import { z } from 'zod';
import { refusingProtoKey } from '../metadata_guard.js';
import { MAX_USER_METADATA_DEPTH, MAX_USER_METADATA_JSON_BYTES, metadataJsonBytes, nestedWithin } from './metadata_bounds.js';

/** Auth0's metadata objects: JSON objects (a top-level key set to null removes it), held to metadata_bounds.ts. */
// The error names the object only when it is not one: a refused key says what is wrong with it. The
// depth is checked first, and alone when it fails: JSON.stringify cannot size a value nested deep enough.
const metadataPatch = refusingProtoKey(
  z
    .record(z.string().min(1).max(255), z.unknown(), { error: (issue) => (issue.code === 'invalid_type' ? 'Must be an object' : undefined) })
    .refine((value) => nestedWithin(value, MAX_USER_METADATA_DEPTH), { error: `Must be nested at most ${MAX_USER_METADATA_DEPTH} levels deep`, abort: true })
    .refine((value) => metadataJsonBytes(value) <= MAX_USER_METADATA_JSON_BYTES, 'Must be at most 16 KB of JSON'),
);

/**
 * PATCH /users/{id}: the root attributes. With the connection's set_user_root_attributes at
 * on_each_login the next login overwrites them from the upstream profile; on_first_login keeps them.
 * As at Auth0, null removes an attribute (user_patch.ts says what each removal means).
 * app_metadata and user_metadata are merged as Auth0 merges them (src/domain/user_metadata.ts), and
 * never touched by a login. The rest of Auth0's body (node-auth0's UpdateUserRequestContent) that
 * applies to a social user: `connection` names the identity the update targets (target_connection.ts);
 * `client_id` only picks the application of a verification email and `verify_email` asks for one,
 * and fitgate sends no email, so both are accepted and have no effect.
 */
export const updateUserBody = z
  .strictObject({
    email: z.email({ error: 'Must be an email address' }).nullable().optional(),
    email_verified: z.boolean().optional(),
    name: z.string().trim().min(1, 'Must not be empty').max(300).nullable().optional(),
    nickname: z.string().trim().min(1, 'Must not be empty').max(300).nullable().optional(),
    given_name: z.string().trim().min(1, 'Must not be empty').max(150).nullable().optional(),
    family_name: z.string().trim().min(1, 'Must not be empty').max(150).nullable().optional(),
    // Applications put it in an <img src> or a link: a web address only, never javascript: or data:.
    picture: z.url({ protocol: /^https?$/, error: 'Must be an http or https URL' }).nullable().optional(),
    app_metadata: metadataPatch.optional(),
    user_metadata: metadataPatch.optional(),
    blocked: z.boolean({ error: 'Must be true or false' }).optional(),
    connection: z.string().min(1).max(128).optional(),
    client_id: z.string().min(1).max(255).optional(),
    verify_email: z.boolean().optional(),
  })
  .refine((body) => !(body.email === null && body.email_verified !== undefined), {
    message: 'Must not be sent with "email": null (there is no email left to verify)',
    path: ['email_verified'],
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
