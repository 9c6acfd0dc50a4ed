import { z } from 'zod';

/**
 * PATCH /users/{id}: the root attributes. With the connection's set_user_root_attributes at
 * on_each_login the next login overwrites them from the upstream profile; on_first_login keeps them.
 */
export const updateUserBody = z.strictObject({
  email: z.email({ error: 'Must be an email address' }).optional(),
  email_verified: z.boolean().optional(),
  name: z.string().trim().min(1, 'Must not be empty').max(300).optional(),
  nickname: z.string().trim().min(1, 'Must not be empty').max(300).optional(),
  given_name: z.string().trim().min(1, 'Must not be empty').max(150).optional(),
  family_name: z.string().trim().min(1, 'Must not be empty').max(150).optional(),
  picture: z.url({ error: 'Must be an absolute URL' }).optional(),
});

export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** `q` is a case-insensitive prefix of user id, email or name (not Auth0's Lucene syntax). */
export const userListQuery = z.looseObject({
  q: z.string().max(300, 'Must be at most 300 characters').optional(),
});
