import { idTokenLifetimeOf, refreshTokenPolicyOf } from '../../domain/token_lifetimes.js';
import type { Client, OidcLogoutSettings, RefreshTokenPolicy } from '../../domain/types.js';

/**
 * A client in Auth0's shape. The secret is never part of it: only creation and rotation add
 * `client_secret`, once (fitgate keeps only its hash). Settings never set read as fitgate applies
 * them (Auth0's defaults where fitgate has no other).
 */
export function clientJson(client: Client): Record<string, unknown> {
  return {
    client_id: client.clientId,
    name: client.name,
    ...(client.description !== undefined && { description: client.description }),
    app_type: client.appType,
    ...(client.logoUri !== undefined && { logo_uri: client.logoUri }),
    is_first_party: isFirstParty(client),
    oidc_conformant: client.oidcConformant ?? true,
    sso_disabled: client.ssoDisabled ?? false,
    cross_origin_authentication: client.crossOriginAuthentication ?? false,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    callbacks: client.callbacks,
    allowed_logout_urls: client.allowedLogoutUrls,
    web_origins: client.webOrigins ?? [],
    allowed_origins: client.allowedOrigins ?? [],
    ...(client.initiateLoginUri !== undefined && { initiate_login_uri: client.initiateLoginUri }),
    grant_types: client.grantTypes,
    client_metadata: client.clientMetadata ?? {},
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: idTokenLifetimeOf(client), secret_encoded: false },
    refresh_token: refreshTokenJson(refreshTokenPolicyOf(client)),
    ...(client.oidcLogout && { oidc_logout: oidcLogoutJson(client.oidcLogout) }),
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}

/** Auth0's default: an application is first-party unless set otherwise. */
export function isFirstParty(client: Client): boolean {
  return client.isFirstParty ?? true;
}

function oidcLogoutJson(settings: OidcLogoutSettings): Record<string, unknown> {
  const initiators = settings.backchannelLogoutInitiators;
  return {
    backchannel_logout_urls: settings.backchannelLogoutUrls,
    ...(initiators && {
      backchannel_logout_initiators: { mode: initiators.mode, ...(initiators.selectedInitiators && { selected_initiators: initiators.selectedInitiators }) },
    }),
  };
}

function refreshTokenJson(policy: RefreshTokenPolicy): Record<string, unknown> {
  return {
    rotation_type: policy.rotationType,
    expiration_type: policy.expirationType,
    leeway: policy.leewaySeconds,
    ...(policy.tokenLifetimeSeconds !== undefined && { token_lifetime: policy.tokenLifetimeSeconds }),
    infinite_token_lifetime: policy.tokenLifetimeSeconds === undefined,
    ...(policy.idleTokenLifetimeSeconds !== undefined && { idle_token_lifetime: policy.idleTokenLifetimeSeconds }),
    infinite_idle_token_lifetime: policy.idleTokenLifetimeSeconds === undefined,
  };
}

export function clientJsonWithSecret(client: Client, clientSecret: string): Record<string, unknown> {
  return { ...clientJson(client), client_secret: clientSecret };
}
