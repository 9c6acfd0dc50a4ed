import { z } from 'zod';
import { distinctScopes } from '../../domain/client_grants.js';
import { MANAGEMENT_API_SCOPES } from '../../domain/management_scopes.js';

// An empty list is a grant that allows nothing yet, as Auth0 accepts it (DELETE removes the grant).
const scope = z
  .array(z.enum(MANAGEMENT_API_SCOPES, { error: (issue) => `Unknown scope ${JSON.stringify(issue.input)}` }))
  .transform((scopes) => distinctScopes(scopes));

export const createClientGrantBody = z.strictObject({
  client_id: z.string().min(1, 'Must not be empty'),
  audience: z.string().min(1, 'Must not be empty'),
  scope,
});

export const updateClientGrantBody = z.strictObject({ scope });

/** Auth0's list filters; client_id and audience are exact values. */
export const clientGrantListQuery = z.looseObject({
  client_id: z.string().optional(),
  audience: z.string().optional(),
});

export const CLIENT_GRANT_FILTER_PARAMS: readonly string[] = Object.keys(clientGrantListQuery.shape);
