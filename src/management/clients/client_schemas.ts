import { z } from 'zod';
import { refusingProtoKey } from '../metadata_guard.js';
import { parseApplicationName } from '../../domain/application_name.js';
import { distinctUrls, MAX_APPLICATION_URLS } from '../../domain/application_urls.js';
import { writtenUrlSchema } from '../written_url.js';
import { MAX_BACKCHANNEL_LOGOUT_URLS, TOO_MANY_BACKCHANNEL_LOGOUT_URLS } from '../../domain/backchannel_logout_urls.js';
import { distinctGrantTypes, GRANT_TYPES } from '../../domain/grant_types.js';
import { MAX_ID_TOKEN_LIFETIME_SECONDS, MAX_REFRESH_TOKEN_LIFETIME_SECONDS } from '../../domain/token_lifetimes.js';

// Bodies of POST /clients and PATCH /clients/{id}: Auth0's field names; unknown fields are refused
// rather than silently dropped, so a typo ("callback") is reported instead of ignored.

// Each URL is read as the dashboard reads it (written_url.ts), then checked against the application
// URL rule (domain/application_urls.ts) once the application's type is known: see client_url_check.ts.
const url = writtenUrlSchema;

/** Stored without repeats and then counted, as the dashboard stores a list typed with repeats. */
const urlList = z
  .array(url)
  .transform(distinctUrls)
  .pipe(z.array(z.string()).max(MAX_APPLICATION_URLS, `Must list at most ${MAX_APPLICATION_URLS} URLs`));

/** The dashboard's rule too (domain/application_name.ts): trimmed, 1 to 128 characters, no < or >. */
const name = z.string().transform((value, context) => {
  const parsed = parseApplicationName(value);
  if (parsed.ok) return parsed.name;
  context.addIssue({ code: 'custom', message: `${parsed.problem[0]!.toUpperCase()}${parsed.problem.slice(1)}` });
  return z.NEVER;
});

const appType = z.enum(['regular_web', 'spa', 'native', 'non_interactive']);
const authMethod = z.enum(['client_secret_basic', 'client_secret_post', 'none']);
/** The grant types fitgate stores (domain/grant_types.ts), which the dashboard's Grant Types offer too. */
const grantType = z.enum(GRANT_TYPES);

const seconds = (max: number) =>
  z.number({ error: `Must be a whole number of seconds from 1 to ${max}` }).int(`Must be a whole number of seconds from 1 to ${max}`).min(1).max(max);

/**
 * Auth0's limits on client_metadata: names up to 255 characters, of letters, digits and
 * :,-+=_*?"/\()<>@ tab and space; string values up to 255 characters; at most 10 properties, counted
 * on what is stored once a PATCH is merged (client_settings.ts), since a PATCH merges as Auth0's does.
 */
export const MAX_CLIENT_METADATA_PROPERTIES = 10;
const metadataKey = z
  .string()
  .min(1)
  .max(255, 'Keys must be at most 255 characters')
  .regex(/^[A-Za-z0-9:,\-+=_*?"/\\()<>@\t ]+$/, 'Keys may use letters, digits, spaces, tabs and :,-+=_*?"/\\()<>@ only');
const metadataValue = z.string({ error: 'Values must be strings' }).max(255, 'Values must be at most 255 characters');
const clientMetadata = refusingProtoKey(z.record(metadataKey, metadataValue));
/** On PATCH a null value removes its key, as for a user's metadata. */
const clientMetadataPatch = refusingProtoKey(z.record(metadataKey, metadataValue.nullable()));

/** fitgate signs with RS256 only: its keys are RSA and published in the JWKS. */
const jwtConfiguration = z.strictObject({
  lifetime_in_seconds: seconds(MAX_ID_TOKEN_LIFETIME_SECONDS).optional(),
  alg: z.literal('RS256', { error: 'Only RS256 is supported' }).optional(),
  secret_encoded: z.literal(false, { error: 'Only false is supported (RS256 uses no shared secret)' }).optional(),
});

const refreshToken = z.strictObject({
  rotation_type: z.enum(['rotating', 'non-rotating'], { error: 'Must be "rotating" or "non-rotating"' }).optional(),
  expiration_type: z.enum(['expiring', 'non-expiring'], { error: 'Must be "expiring" or "non-expiring"' }).optional(),
  // A long grace would turn reuse detection off; an hour covers any pair of tabs.
  leeway: z.number({ error: 'Must be a whole number of seconds from 0 to 3600' }).int('Must be a whole number of seconds from 0 to 3600').min(0).max(3600).optional(),
  token_lifetime: seconds(MAX_REFRESH_TOKEN_LIFETIME_SECONDS).optional(),
  infinite_token_lifetime: z.boolean().optional(),
  idle_token_lifetime: seconds(MAX_REFRESH_TOKEN_LIFETIME_SECONDS).optional(),
  infinite_idle_token_lifetime: z.boolean().optional(),
});

/** Auth0's session endings that may send a back-channel logout token (its initiators). */
export const BACKCHANNEL_LOGOUT_INITIATORS = [
  'rp-logout',
  'idp-logout',
  'password-changed',
  'session-expired',
  'session-revoked',
  'account-deleted',
  'email-identifier-changed',
] as const;

/**
 * Auth0's `oidc_logout`. Like Auth0, one back-channel logout URL at most (the dashboard's limit too:
 * domain/backchannel_logout_urls.ts); each URL is checked against the application URL rule in
 * client_settings.ts, as logo_uri is. Sent whole, it replaces the stored one.
 */
const oidcLogout = z.strictObject({
  backchannel_logout_urls: z.array(url).max(MAX_BACKCHANNEL_LOGOUT_URLS, TOO_MANY_BACKCHANNEL_LOGOUT_URLS),
  backchannel_logout_initiators: z
    .strictObject({
      mode: z.enum(['custom', 'all'], { error: 'Must be "custom" or "all"' }),
      selected_initiators: z.array(z.enum(BACKCHANNEL_LOGOUT_INITIATORS)).max(BACKCHANNEL_LOGOUT_INITIATORS.length).transform((list) => [...new Set(list)]).optional(),
    })
    .optional(),
});

/** Settings every client may carry, all optional in both bodies. */
const settings = {
  description: z.string().max(140, 'Must be at most 140 characters').optional(),
  logo_uri: url.optional(),
  initiate_login_uri: url.optional(),
  oidc_conformant: z.boolean().optional(),
  is_first_party: z.boolean().optional(),
  sso_disabled: z.boolean().optional(),
  cross_origin_authentication: z.boolean().optional(),
  client_metadata: clientMetadata.optional(),
  jwt_configuration: jwtConfiguration.optional(),
  refresh_token: refreshToken.optional(),
  oidc_logout: oidcLogout.optional(),
};

const editable = {
  name,
  app_type: appType,
  token_endpoint_auth_method: authMethod,
  callbacks: urlList,
  allowed_logout_urls: urlList,
  web_origins: urlList,
  allowed_origins: urlList,
  // Each once, as the dashboard's Grant Types leave them: a repeat allows nothing more. Whether the
  // client may hold them (client_credentials needs a confidential one) is checked on the client a
  // POST or PATCH would store, its method known: client_grant_types_check.ts.
  grant_types: z.array(grantType).max(GRANT_TYPES.length).transform(distinctGrantTypes),
};

export const createClientBody = z.strictObject({
  ...editable,
  ...settings,
  app_type: appType.default('regular_web'),
  callbacks: editable.callbacks.optional(),
  allowed_logout_urls: editable.allowed_logout_urls.optional(),
  web_origins: editable.web_origins.optional(),
  allowed_origins: editable.allowed_origins.optional(),
  grant_types: editable.grant_types.optional(),
  token_endpoint_auth_method: authMethod.optional(),
});

export const updateClientBody = z.strictObject({
  ...settings,
  client_metadata: clientMetadataPatch.optional(),
  name: editable.name.optional(),
  app_type: editable.app_type.optional(),
  token_endpoint_auth_method: editable.token_endpoint_auth_method.optional(),
  callbacks: editable.callbacks.optional(),
  allowed_logout_urls: editable.allowed_logout_urls.optional(),
  web_origins: editable.web_origins.optional(),
  allowed_origins: editable.allowed_origins.optional(),
  grant_types: editable.grant_types.optional(),
});

export type UpdateClientBody = z.infer<typeof updateClientBody>;

/** The settings part both bodies share. */
export type ClientSettingsBody = Pick<UpdateClientBody, keyof typeof settings>;
