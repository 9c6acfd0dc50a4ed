import type { AppDeps } from '../../app_deps.js';
import type { Client } from '../../domain/types.js';
import type { TenantContext } from '../../http/request_context.js';
import type { TOKEN_VAULT_GRANT_TYPE } from '../../domain/grant_types.js';
import type { TenantKeys } from '../keys/tenant_keys.js';

export type SupportedGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials' | typeof TOKEN_VAULT_GRANT_TYPE;

/** One /oauth/token request once its client is authenticated: what every grant handler receives. */
export interface TokenRequest {
  deps: AppDeps;
  keys: TenantKeys;
  context: TenantContext;
  params: Readonly<Record<string, string>>;
  client: Client;
  grantType: SupportedGrantType;
}

/** RFC 6749 §5.1, plus the OpenID Connect id_token. */
export interface TokenResponseBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
}

/**
 * The Token Vault answer (RFC 8693 §2.2.1, as Auth0 gives it): the upstream's access token, not one
 * of fitgate's, so no id_token and no refresh token; `scope` is what the upstream granted.
 */
export interface UpstreamTokenResponseBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  issued_token_type: string;
  scope?: string;
}

/** A grant's answer, and who it was for, for the log event. */
export interface GrantOutcome {
  body: TokenResponseBody | UpstreamTokenResponseBody;
  userId?: string;
  connection?: string;
}
