import { z } from 'zod';
import { MANAGEMENT_API_SCOPES } from '../../domain/management_scopes.js';

const scope = z
  .array(z.enum(MANAGEMENT_API_SCOPES, { error: (issue) => `Unknown scope ${JSON.stringify(issue.input)}` }))
  .min(1, 'Must list at least one scope (delete the grant to remove them all)')
  .transform((scopes) => [...new Set(scopes)]);

export const createClientGrantBody = z.strictObject({
  client_id: z.string().min(1, 'Must not be empty'),
  audience: z.string().min(1, 'Must not be empty'),
  scope,
});

export const updateClientGrantBody = z.strictObject({ scope });

export const clientGrantListQuery = z.looseObject({
  client_id: z.string().optional(),
  audience: z.string().optional(),
});
