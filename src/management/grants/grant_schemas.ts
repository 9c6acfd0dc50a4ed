import { z } from 'zod';

const value = z.string().min(1, 'Must not be empty');

/** Auth0's list filters, exact values. fitgate requires user_id (grant_routes.ts says why). */
export const grantListQuery = z.looseObject({
  user_id: value.optional(),
  client_id: value.optional(),
  audience: value.optional(),
});

export const GRANT_FILTER_PARAMS: readonly string[] = Object.keys(grantListQuery.shape);

/** DELETE /grants?user_id=: every grant of that user. */
export const userGrantsDeleteQuery = z.strictObject({ user_id: value });

/** DELETE /grants/{id}: Auth0's SDKs of old send the grant's user_id too; it must then be the grant's. */
export const grantDeleteQuery = z.strictObject({ user_id: value.optional() });
