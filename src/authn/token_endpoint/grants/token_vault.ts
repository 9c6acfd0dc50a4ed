import { mayHoldGrantType, TOKEN_VAULT_GRANT_TYPE } from '../../../domain/grant_types.js';
import type { TokenVault } from '../../../domain/token_vault.js';
import { isThirdParty } from '../../../domain/user_grants.js';
import { refreshTokenPolicyOf } from '../../../domain/token_lifetimes.js';
import { InvalidRequestError, UnauthorizedClientError } from '../../../errors/index.js';
import { liveRefreshToken } from '../../tokens/refresh_tokens.js';
import type { GrantOutcome, TokenRequest } from '../token_request.js';
import { connectionNotEnabled } from '../../connection_not_enabled.js';
import { tokenVaultErrorOf } from './token_vault_failure.js';
import { readTokenVaultRequest, UPSTREAM_ACCESS_TOKEN_TYPE } from './token_vault_request.js';
import { tokenVaultSubject } from './token_vault_subject.js';

/**
 * Auth0's Token Vault exchange (its "federated connection access token" grant, on RFC 8693): one of
 * the client's refresh tokens for the user's upstream access token on a connection enabled for the
 * client, fresh from the vault the Management API reads identities' tokens through (token_vault.ts:
 * refreshed first when due, single-flight per identity across instances). The refresh token is proof
 * of the user's grant only: it is read, never spent, rotated or touched, and the client refreshes
 * with it as before. The answer carries the upstream's token, never one of fitgate's.
 * https://auth0.com/docs/api/authentication/token-vault-token-exchange/get-token
 */
export function tokenVaultGrant(vault: TokenVault): (request: TokenRequest) => Promise<GrantOutcome> {
  return async (request) => {
    const { deps, context, client } = request;
    // The rule the Management API and the dashboard hold the grant type to (a client stored before it may hold it still).
    if (!mayHoldGrantType(client, TOKEN_VAULT_GRANT_TYPE)) throw new UnauthorizedClientError('a public client cannot use the Token Vault grant');
    // Auth0 keeps Token Vault to first-party applications: the consent page asks the person for
    // fitgate's scopes, never for their upstream data, so nothing they allowed covers this token.
    if (isThirdParty(client)) throw new UnauthorizedClientError('a third-party application cannot use the Token Vault grant');
    const exchange = readTokenVaultRequest(request.params);
    const owner = { tenant: context.tenant.name, clientId: client.clientId, policy: refreshTokenPolicyOf(client) };
    const record = await liveRefreshToken(deps.store.ephemeral, owner, exchange.subjectToken);

    const connection = await deps.store.connections.getByName(context.tenant.name, exchange.connection);
    if (!connection || !connection.enabledClients.includes(client.clientId)) throw new InvalidRequestError(connectionNotEnabled(exchange.connection));
    const { user, identity } = await tokenVaultSubject(request, record, connection.name, exchange.loginHint);

    const ref = { tenant: context.tenant.name, userId: user.userId, connection: connection.name, upstreamUserId: identity.userId };
    const token = await vault.accessToken(ref).catch((error: unknown) => {
      throw tokenVaultErrorOf(error, connection.name);
    });
    const scope = identity.grantedScopes.join(' ');
    return {
      body: {
        access_token: token.accessToken,
        token_type: 'Bearer',
        expires_in: token.expiresIn,
        issued_token_type: UPSTREAM_ACCESS_TOKEN_TYPE,
        ...(scope === '' ? {} : { scope }),
      },
      userId: user.userId,
      connection: connection.name,
    };
  };
}
