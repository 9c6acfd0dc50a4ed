import { generateClientSecret, hashClientSecret } from '../../domain/clients.js';
import type { CalledUrlReach } from '../../domain/called_url_reach.js';
import type { Client } from '../../domain/types.js';
import type { UpdateClientBody } from './client_schemas.js';
import { assertClientGrantHeldAllowed } from './client_grant_held_check.js';
import { assertGrantTypesAllowed } from './client_grant_types_check.js';
import { assertPublicClientRotates, settingsFrom } from './client_settings.js';

/**
 * A client after a PATCH. Switching a public client to a confidential method gives it a secret
 * (returned once, like at creation), since a confidential client without one could never
 * authenticate; switching to "none" drops the secret. A result that is public with non-rotating
 * refresh tokens is a 400 (assertPublicClientRotates), whichever of the two the PATCH changed, so
 * a client stored so before the rule has to be made rotating by its next PATCH; so is one that is
 * public and holds client_credentials (assertGrantTypesAllowed), which its next PATCH has to take
 * out, and one that is public and holds a client grant (assertClientGrantHeldAllowed), whose grant
 * has to be deleted first. `reach` is where a back-channel logout URL may lead on this server.
 */
export function applyClientUpdate(client: Client, body: UpdateClientBody, now: Date, reach: CalledUrlReach): { client: Client; clientSecret?: string } {
  // settingsFrom answers the client's whole settings, stored ones included: client_metadata and
  // oidc_logout come from it alone, so a PATCH that removes them leaves nothing behind.
  const { clientSecretHash: _secretHash, clientMetadata: _metadata, oidcLogout: _oidcLogout, ...rest } = client;
  const updated: Client = {
    ...rest,
    name: body.name ?? client.name,
    appType: body.app_type ?? client.appType,
    tokenEndpointAuthMethod: body.token_endpoint_auth_method ?? client.tokenEndpointAuthMethod,
    callbacks: body.callbacks ?? client.callbacks,
    allowedLogoutUrls: body.allowed_logout_urls ?? client.allowedLogoutUrls,
    ...((body.web_origins ?? client.webOrigins) && { webOrigins: body.web_origins ?? client.webOrigins }),
    ...((body.allowed_origins ?? client.allowedOrigins) && { allowedOrigins: body.allowed_origins ?? client.allowedOrigins }),
    grantTypes: body.grant_types ?? client.grantTypes,
    ...settingsFrom(body, client, reach),
    updatedAt: now.toISOString(),
  };
  assertPublicClientRotates(updated);
  assertGrantTypesAllowed(updated);
  assertClientGrantHeldAllowed(updated);
  if (updated.tokenEndpointAuthMethod === 'none') return { client: updated };
  if (client.clientSecretHash) return { client: { ...updated, clientSecretHash: client.clientSecretHash } };
  const clientSecret = generateClientSecret();
  return { client: { ...updated, clientSecretHash: hashClientSecret(clientSecret) }, clientSecret };
}
