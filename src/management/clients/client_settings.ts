import type { ClientSettings } from '../../domain/clients.js';
import { redirectUrlProblem, writtenCalledUrlProblem } from '../../domain/application_urls.js';
import type { CalledUrlReach } from '../../domain/called_url_reach.js';
import { DEFAULT_REFRESH_TOKEN_POLICY, publicClientRotationProblem, refreshTokenPolicyProblem } from '../../domain/token_lifetimes.js';
import type { Client, RefreshTokenPolicy } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';
import { mergeMetadata, type MetadataPatch } from '../../domain/user_metadata.js';
import { MAX_CLIENT_METADATA_PROPERTIES, type ClientSettingsBody } from './client_schemas.js';
import { refusedUrlText } from './client_url_check.js';

/**
 * Auth0's optional client settings from a POST or PATCH body, over what the client holds now
 * (nothing, on POST). A `refresh_token` object is merged over the stored policy and `client_metadata`
 * over the stored metadata (a null value removes its key); every other setting sent replaces the
 * stored one. Throws a 400 naming the property for what cannot be honoured. `reach` is where a
 * back-channel logout URL may lead on this server (calledUrlReach).
 */
export function settingsFrom(body: ClientSettingsBody, before: ClientSettings, reach: CalledUrlReach): ClientSettings {
  for (const field of ['logo_uri', 'initiate_login_uri'] as const) {
    const value = body[field];
    // Both are followed by browsers, so they follow the rule for web redirect URLs (https, or http on loopback).
    const problem = value === undefined || value === '' ? undefined : redirectUrlProblem(value, 'regular_web');
    if (problem) throw new BadRequestError(`Payload validation error: '${value} ${problem}' on property ${field}.`, 'invalid_body');
  }
  const backchannelProblem = backchannelUrlProblem(body.oidc_logout?.backchannel_logout_urls ?? [], reach);
  if (backchannelProblem) throw new BadRequestError(`Payload validation error: '${backchannelProblem}' on property oidc_logout.backchannel_logout_urls.0.`, 'invalid_body');
  const settings: ClientSettings = storedSettings(before);
  assign(settings, 'description', body.description);
  assign(settings, 'logoUri', body.logo_uri);
  assign(settings, 'initiateLoginUri', body.initiate_login_uri);
  assign(settings, 'oidcConformant', body.oidc_conformant);
  assign(settings, 'isFirstParty', body.is_first_party);
  assign(settings, 'ssoDisabled', body.sso_disabled);
  assign(settings, 'crossOriginAuthentication', body.cross_origin_authentication);
  if (body.client_metadata !== undefined) setClientMetadata(settings, mergedClientMetadata(before.clientMetadata, body.client_metadata));
  assign(settings, 'idTokenLifetimeSeconds', body.jwt_configuration?.lifetime_in_seconds);
  if (body.oidc_logout) setOidcLogout(settings, body.oidc_logout);
  if (body.refresh_token) settings.refreshTokenPolicy = policyFrom(body.refresh_token, before.refreshTokenPolicy ?? DEFAULT_REFRESH_TOKEN_POLICY);
  return settings;
}

/**
 * The 400 for a client that would be public with non-rotating refresh tokens, in Auth0's words for
 * a refused property (a stricter rule than Auth0's: publicClientRotationProblem says why).
 */
export function assertPublicClientRotates(client: Pick<Client, 'tokenEndpointAuthMethod' | 'refreshTokenPolicy'>): void {
  const problem = publicClientRotationProblem(client);
  if (problem) throw new BadRequestError(`Payload validation error: '${problem.problem}' on property ${problem.field}.`, 'invalid_body');
}

const SETTING_KEYS = [
  'description',
  'logoUri',
  'initiateLoginUri',
  'oidcConformant',
  'isFirstParty',
  'ssoDisabled',
  'crossOriginAuthentication',
  'clientMetadata',
  'idTokenLifetimeSeconds',
  'refreshTokenPolicy',
  'oidcLogout',
] as const satisfies readonly (keyof ClientSettings)[];

/** Only the settings of a record that may hold more (a whole client). */
function storedSettings(record: ClientSettings): ClientSettings {
  return Object.fromEntries(SETTING_KEYS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])) as ClientSettings;
}

/**
 * client_metadata merged as Auth0 merges it (and a user's metadata: src/domain/user_metadata.ts),
 * then held to Auth0's limit on what is stored: a PATCH of one key is refused only when the result
 * would hold too many, and a PATCH that removes keys may bring a client back under the limit.
 */
function mergedClientMetadata(stored: Readonly<Record<string, string>> | undefined, patch: MetadataPatch<string>): Record<string, string> | undefined {
  const merged = mergeMetadata<string>(stored, patch);
  const count = Object.keys(merged ?? {}).length;
  if (count > MAX_CLIENT_METADATA_PROPERTIES) {
    throw new BadRequestError(
      `Payload validation error: 'Must have at most ${MAX_CLIENT_METADATA_PROPERTIES} properties (${count} once merged with the stored ones)' on property client_metadata.`,
      'invalid_body',
    );
  }
  return merged;
}

function setClientMetadata(settings: ClientSettings, metadata: Record<string, string> | undefined): void {
  if (metadata === undefined) delete settings.clientMetadata;
  else settings.clientMetadata = metadata;
}

/**
 * A back-channel logout URL is posted to by fitgate itself, not followed by a browser, so it takes the
 * rule of URLs fitgate calls (calledUrlProblem): https, or http on localhost or a loopback address
 * (not `*.localhost`), no custom scheme, and this host or a private network only where `reach` allows;
 * written, also the form rule of the other application URLs (writtenCalledUrlProblem), as the dashboard.
 */
function backchannelUrlProblem(urls: readonly string[], reach: CalledUrlReach): string | undefined {
  const [first] = urls;
  const problem = first === undefined ? undefined : writtenCalledUrlProblem(first, reach);
  return problem === undefined || first === undefined ? undefined : refusedUrlText(first, problem);
}

/** `oidc_logout` as sent replaces what is stored; an empty URL list with no initiators removes it. */
function setOidcLogout(settings: ClientSettings, body: NonNullable<ClientSettingsBody['oidc_logout']>): void {
  const initiators = body.backchannel_logout_initiators;
  if (body.backchannel_logout_urls.length === 0 && initiators === undefined) {
    delete settings.oidcLogout;
    return;
  }
  settings.oidcLogout = {
    backchannelLogoutUrls: [...body.backchannel_logout_urls],
    ...(initiators && {
      backchannelLogoutInitiators: { mode: initiators.mode, ...(initiators.selected_initiators && { selectedInitiators: initiators.selected_initiators }) },
    }),
  };
}

function assign<K extends keyof ClientSettings>(settings: ClientSettings, key: K, value: ClientSettings[K] | undefined): void {
  if (value !== undefined) settings[key] = value;
}

function policyFrom(body: NonNullable<ClientSettingsBody['refresh_token']>, base: Readonly<RefreshTokenPolicy>): RefreshTokenPolicy {
  const policy: RefreshTokenPolicy = {
    rotationType: body.rotation_type ?? base.rotationType,
    expirationType: body.expiration_type ?? base.expirationType,
    leewaySeconds: body.leeway ?? base.leewaySeconds,
  };
  const absolute = lifetime(body.infinite_token_lifetime, body.token_lifetime, base.tokenLifetimeSeconds, DEFAULT_REFRESH_TOKEN_POLICY.tokenLifetimeSeconds);
  const idle = lifetime(body.infinite_idle_token_lifetime, body.idle_token_lifetime, base.idleTokenLifetimeSeconds, DEFAULT_REFRESH_TOKEN_POLICY.idleTokenLifetimeSeconds);
  if (absolute !== undefined) policy.tokenLifetimeSeconds = absolute;
  if (idle !== undefined) policy.idleTokenLifetimeSeconds = idle;
  const problem = refreshTokenPolicyProblem(policy);
  if (problem) throw new BadRequestError(`Payload validation error: '${problem.problem}' on property ${problem.field}.`, 'invalid_body');
  return policy;
}

/** Auth0's pair: `infinite_*: true` wins over a number; `false` without a number restores a finite default. */
function lifetime(infinite: boolean | undefined, seconds: number | undefined, stored: number | undefined, fallback: number | undefined): number | undefined {
  if (infinite === true) return undefined;
  if (seconds !== undefined) return seconds;
  if (infinite === false) return stored ?? fallback;
  return stored;
}
