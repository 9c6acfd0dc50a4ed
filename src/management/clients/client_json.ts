import type { Client } from '../../domain/types.js';

/**
 * A client in Auth0's shape. The secret is never part of it: only creation and rotation add
 * `client_secret`, once (fitgate keeps only its hash).
 */
export function clientJson(client: Client): Record<string, unknown> {
  return {
    client_id: client.clientId,
    name: client.name,
    app_type: client.appType,
    is_first_party: true,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    callbacks: client.callbacks,
    allowed_logout_urls: client.allowedLogoutUrls,
    web_origins: client.webOrigins ?? [],
    allowed_origins: client.allowedOrigins ?? [],
    grant_types: client.grantTypes,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}

export function clientJsonWithSecret(client: Client, clientSecret: string): Record<string, unknown> {
  return { ...clientJson(client), client_secret: clientSecret };
}
