import type { Tenant } from '../../../domain/types.js';
import type { AuthorizeCheck, AuthorizeContext, AuthorizeDeps, AuthorizeParamName, AuthorizeParams } from './authorize_context.js';
import { checkAudience } from './check_audience.js';
import { checkClient } from './check_client.js';
import { checkConnection } from './check_connection.js';
import { checkLoginHint } from './check_login_hint.js';
import { checkMaxAge } from './check_max_age.js';
import { checkNonce } from './check_nonce.js';
import { checkOrganization } from './check_organization.js';
import { checkPkce } from './check_pkce.js';
import { checkPrompt } from './check_prompt.js';
import { checkRedirectUri } from './check_redirect_uri.js';
import { checkRepeatedParam } from './check_repeated_param.js';
import { checkRequestObject } from './check_request_object.js';
import { checkResponseMode } from './check_response_mode.js';
import { checkResponseType } from './check_response_type.js';
import { checkScope } from './check_scope.js';

/**
 * The /authorize checks, in order. The first two decide whether errors may be redirected at all
 * (see AuthorizeContext), so they come first; the rest answer through the client's redirect_uri.
 */
export const AUTHORIZE_CHECKS: readonly AuthorizeCheck[] = [
  checkClient,
  checkRedirectUri,
  checkRepeatedParam,
  checkResponseType,
  checkResponseMode,
  checkRequestObject,
  checkAudience,
  checkOrganization,
  checkNonce,
  checkScope,
  checkPkce,
  checkPrompt,
  checkMaxAge,
  checkLoginHint,
  checkConnection,
];

/** Runs every check; throws the first failure with `ctx` telling whether it may be redirected. */
export async function runAuthorizeChecks(
  ctx: AuthorizeContext,
  deps: AuthorizeDeps,
  checks: readonly AuthorizeCheck[] = AUTHORIZE_CHECKS,
): Promise<void> {
  for (const check of checks) await check(ctx, deps);
}

export function newAuthorizeContext(
  tenant: Tenant,
  tenantUrl: string,
  params: AuthorizeParams,
  repeatedParam?: AuthorizeParamName,
): AuthorizeContext {
  return { tenant, tenantUrl, params, ...(repeatedParam !== undefined ? { repeatedParam } : {}), scope: [], prompt: [], enabledConnections: [] };
}
