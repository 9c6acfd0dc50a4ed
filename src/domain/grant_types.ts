import { isConfidentialAppType, isPublicClient } from './client_confidentiality.js';
import type { AppType, Client, TokenEndpointAuthMethod } from './types.js';

/**
 * Auth0's Token Vault grant (its dashboard's "Token Vault" grant type): an application exchanges a
 * user's refresh token for the upstream access token of one of the user's connections
 * (src/authn/token_endpoint/grants/token_vault.ts). Auth0 spells it so in `grant_types` too:
 * https://auth0.com/docs/secure/tokens/token-vault/configure-refresh-token-exchange-with-token-vault
 */
export const TOKEN_VAULT_GRANT_TYPE = 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';

/**
 * The grant types an application may list, in the order the dashboard shows them: the values the
 * Management API takes in `grant_types` (src/management/clients/client_schemas.ts) and the boxes of
 * the dashboard's Grant Types (src/dashboard/applications/grant_types_field.ts). Auth0 lists more
 * (password, MFA, device code); fitgate serves none of them, so it stores none.
 */
export const GRANT_TYPES = ['authorization_code', 'implicit', 'refresh_token', 'client_credentials', TOKEN_VAULT_GRANT_TYPE] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

/** Each grant type once, as the Management API and the dashboard store them: a repeat allows nothing more. */
export function distinctGrantTypes<T extends string>(grantTypes: readonly T[]): T[] {
  return [...new Set(grantTypes)];
}

/**
 * Why an application may not have a grant type. The type's reasons say only that its type is not
 * meant to use the grant type: the dashboard does not offer it, and the Management API stores it all
 * the same, as Auth0's does, and then it works (a stored authorization_code lets a machine-to-machine
 * application sign users in: signs_users_in.ts). A hold refusal binds wherever the grant type is stored.
 */
export type GrantTypeTypeRefusal =
  /**
   * A user grant for a machine-to-machine application, a type meant to sign no user in. A question
   * about the type, so it cannot be signsUsersIn, which the grant types held answer.
   */
  | 'signs_no_user_in'
  /** client_credentials for a single-page or native application, which runs where it cannot keep a secret. */
  | 'keeps_no_secret';
export type GrantTypeHoldRefusal =
  /**
   * client_credentials for a public client (token_endpoint_auth_method none), whatever its type: it
   * has no secret to ask for tokens with, and /oauth/token refuses it anyway. Auth0's Management API
   * refuses it ("Invalid grant types: client_credentials"), and so do fitgate's, on POST and PATCH
   * (src/management/clients/client_grant_types_check.ts), and the dashboard's Grant Types. The same
   * for the Token Vault grant: Auth0's SDKs ask for it with the client's secret only ("must be a
   * private client"), as it hands out the user's upstream token for a refresh token alone.
   */
  'public_client';
export type GrantTypeRefusal = GrantTypeTypeRefusal | GrantTypeHoldRefusal;

/**
 * Every reason that applies, the type's first: giving the application a secret does not make a
 * grant type its type has no use for one the dashboard offers.
 */
export type GrantTypeVerdict = { allowed: true } | { allowed: false; reasons: readonly [GrantTypeRefusal, ...GrantTypeRefusal[]] };

/**
 * The rule, stated once: whether `grantType` does something for this application and it may hold
 * it, or every reason why not. A new application's defaults (defaultGrantTypes), the dashboard's
 * boxes (grantTypesFor) and its words beside them are read from it; the Management API, which
 * refuses only the hold refusals, reads those from the half of it they come from
 * (grantTypeHoldRefusals), which needs only the client's authentication method.
 */
export function grantTypeVerdict(client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod'>, grantType: GrantType): GrantTypeVerdict {
  const reasons = [typeRefusal(client.appType, grantType), holdRefusal(client, grantType)].filter((reason) => reason !== undefined);
  const [first, ...rest] = reasons;
  return first === undefined ? { allowed: true } : { allowed: false, reasons: [first, ...rest] };
}

/** Whether this reason binds wherever the grant type is stored, rather than saying the type has no use for it. */
export function isHoldRefusal(reason: GrantTypeRefusal): reason is GrantTypeHoldRefusal {
  return reason === 'public_client';
}

function typeRefusal(appType: AppType, grantType: GrantType): GrantTypeTypeRefusal | undefined {
  if (grantType !== 'client_credentials') return appType === 'non_interactive' ? 'signs_no_user_in' : undefined;
  return isConfidentialAppType(appType) ? undefined : 'keeps_no_secret';
}

/** The grant types only a client that authenticates with a secret may hold. */
const SECRET_GRANT_TYPES: readonly string[] = ['client_credentials', TOKEN_VAULT_GRANT_TYPE];

/** The half of the rule that does not depend on the type, which is all the Management API enforces. */
function holdRefusal(client: Pick<Client, 'tokenEndpointAuthMethod'>, grantType: string): GrantTypeHoldRefusal | undefined {
  return SECRET_GRANT_TYPES.includes(grantType) && isPublicClient(client) ? 'public_client' : undefined;
}

/** Whether an application with this authentication method may hold `grantType`, whatever its type (grantTypeVerdict's hold refusals). */
export function mayHoldGrantType(client: Pick<Client, 'tokenEndpointAuthMethod'>, grantType: string): boolean {
  return holdRefusal(client, grantType) === undefined;
}

/** The grant types the application holds but may not, each with why, in its order; none for a valid one. */
export function grantTypeHoldRefusals(client: Pick<Client, 'tokenEndpointAuthMethod' | 'grantTypes'>): { grantType: string; reason: GrantTypeHoldRefusal }[] {
  return client.grantTypes.flatMap((grantType) => {
    const reason = holdRefusal(client, grantType);
    return reason === undefined ? [] : [{ grantType, reason }];
  });
}

/** The grant types the application holds but may not (mayHoldGrantType), in its order; none for a valid one. */
export function grantTypesRefusedTo(client: Pick<Client, 'tokenEndpointAuthMethod' | 'grantTypes'>): string[] {
  return grantTypeHoldRefusals(client).map((refusal) => refusal.grantType);
}

/**
 * The grant types that do something for this application and that it may hold (grantTypeVerdict),
 * which its page in the dashboard offers (Auth0's Advanced Settings → Grant Types offers by type
 * too). The Management API takes any of GRANT_TYPES for any type of application, as Auth0's does,
 * refusing only what the application may not hold; what it stores beyond these the dashboard shows
 * and keeps.
 */
export function grantTypesFor(client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod'>): GrantType[] {
  return GRANT_TYPES.filter((grantType) => grantTypeVerdict(client, grantType).allowed);
}

/**
 * The grant types a new application gets when none are given: all those it is allowed
 * (grantTypesFor) but Token Vault, which are Auth0's defaults per type. Token Vault hands out users'
 * upstream tokens, so an application gets it only when asked for, as at Auth0 (its guide has it
 * ticked in Advanced Settings, or added to `grant_types`). `implicit` lets /authorize return an id_token
 * in the front channel (response_type id_token or code id_token); take it away and only the code
 * flow remains. A regular web application is confidential, so Auth0 gives it `client_credentials`
 * too: one application both signs users in and, once granted, calls the Management API. Auth0 gives
 * a public client no client_credentials, whatever its type, so a regular web application created
 * with token_endpoint_auth_method none is valid as made. Clients stored before keep the grant types
 * they have.
 */
export function defaultGrantTypes(appType: AppType, tokenEndpointAuthMethod: TokenEndpointAuthMethod): GrantType[] {
  return grantTypesFor({ appType, tokenEndpointAuthMethod }).filter((grantType) => grantType !== TOKEN_VAULT_GRANT_TYPE);
}
