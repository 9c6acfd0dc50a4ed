import { z } from 'zod';

/**
 * PATCH /connections/{id}. The option values are the plugin's to judge (its parseSettings); here
 * only the names are checked, so a misspelt option is refused instead of silently ignored.
 */
export const updateConnectionBody = z.strictObject({
  options: z
    .strictObject({
      api: z.string().optional(),
      client_id: z.string().optional(),
      client_secret: z.string().optional(),
      scope: z.array(z.string()).optional(),
      set_user_root_attributes: z.string().optional(),
    })
    .optional(),
  enabled_clients: z.array(z.string().min(1, 'Must not be empty')).max(1000).optional(),
});

export type UpdateConnectionBody = z.infer<typeof updateConnectionBody>;

/** Auth0's list filters. */
export const connectionListQuery = z.looseObject({
  name: z.string().optional(),
  strategy: z.string().optional(),
});
