import { z } from 'zod';
import { refusingProtoKey } from '../metadata_guard.js';
import { CONNECTION_NAME, CONNECTION_NAME_MAX_LENGTH } from '../../domain/connection_name.js';
import { parseConnectionDisplayName } from '../../domain/connection_display_name.js';
import { credentialCharactersProblem } from '../../domain/credential_characters.js';
import { unstorableCharacterProblem } from '../../domain/storable_text.js';

/**
 * A client id or secret holding a NUL or an unpaired surrogate, refused in the credential rule's
 * words (credential_characters.ts) on the value as it is read (trimmed: connection_options.ts), as
 * the dashboard names the same character; else the rule for stored text (validation.ts) would name
 * it first, in its own. Every other character the credential rule refuses is refused where the
 * options are written, in the same words (connection_update.ts).
 */
function credential() {
  return z.string().superRefine((value, context) => {
    const read = value.trim();
    const problem = unstorableCharacterProblem(read) && credentialCharactersProblem(read);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * A connection's `options` (PATCH and POST /connections). The option values are the plugin's to
 * judge (its parseSettings); here only the names are checked, so a misspelt option is refused
 * instead of silently ignored.
 */
const connectionOptions = z.strictObject({
  api: z.string().optional(),
  client_id: credential().optional(),
  client_secret: credential().optional(),
  scope: z.array(z.string()).optional(),
  set_user_root_attributes: z.string().optional(),
});

/**
 * The dashboard's label rule too (domain/connection_display_name.ts): trimmed, at most 128
 * characters, none that does not show. Null when it is empty once trimmed: the connection then has
 * no display name (a PATCH removes the one stored), and is labelled by its name.
 */
const displayName = z.string().transform((value, context) => {
  const parsed = parseConnectionDisplayName(value);
  if (parsed.ok) return parsed.displayName ?? null;
  context.addIssue({ code: 'custom', message: `${parsed.problem[0]!.toUpperCase()}${parsed.problem.slice(1)}` });
  return z.NEVER;
});

/** The settings both PATCH and POST take besides `options`, with Auth0's limits. */
const connectionSettings = {
  enabled_clients: z.array(z.string().min(1, 'Must not be empty')).max(1000).optional(),
  display_name: displayName.optional(),
  /** Auth0's limits: at most 10 keys, string values up to 255 characters. */
  metadata: refusingProtoKey(
    z
      .record(z.string().min(1).max(255, 'Keys must be at most 255 characters'), z.string({ error: 'Values must be strings' }).max(255, 'Values must be at most 255 characters'))
      .refine((metadata) => Object.keys(metadata).length <= 10, 'Must have at most 10 properties'),
  ).optional(),
  show_as_button: z.boolean().optional(),
  is_domain_connection: z.boolean().optional(),
};

/** PATCH /connections/{id}. */
export const updateConnectionBody = z.strictObject({ options: connectionOptions.optional(), ...connectionSettings });

/**
 * POST /connections: Auth0's body, the part fitgate has (any other property is refused by name).
 * `name` by Auth0's rule: letters, digits and single hyphens inside, at most 128 characters. The
 * strategy is checked against the plugins after this (connection_create.ts), and `realms` is a
 * connection's name only: fitgate's connections have no other realm.
 */
export const createConnectionBody = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(CONNECTION_NAME_MAX_LENGTH)
    .regex(CONNECTION_NAME),
  strategy: z.string().min(1),
  options: connectionOptions.optional(),
  realms: z.array(z.string()).optional(),
  ...connectionSettings,
});

export type CreateConnectionBody = z.infer<typeof createConnectionBody>;

export type UpdateConnectionBody = z.infer<typeof updateConnectionBody>;

/**
 * Auth0's list filters: `name` exactly, and `strategy`, given once or repeated
 * (`strategy=fitbit&strategy=google-oauth2`, as node-auth0 sends a list), any of them.
 */
export const connectionListQuery = z.looseObject({
  name: z.string().optional(),
  strategy: z
    .union([z.string(), z.array(z.string())], { error: 'Must be a strategy name, or several' })
    .transform((strategy) => (typeof strategy === 'string' ? [strategy] : strategy))
    .optional(),
});

export const CONNECTION_FILTER_PARAMS: readonly string[] = Object.keys(connectionListQuery.shape);

/** GET /connections/{id}/clients: Auth0's largest `take` there (checkpoint.ts reads it). */
export const MAX_ENABLED_CLIENTS_TAKE = 1000;

/** PATCH /connections/{id}/clients: which clients to enable (status true) or disable (false). */
export const updateEnabledClientsBody = z
  .array(z.strictObject({ client_id: z.string().min(1, 'Must not be empty').max(255), status: z.boolean() }))
  .min(1, 'Must list at least one client')
  .max(1000, 'Must list at most 1000 clients');
