import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AppDeps } from '../../app_deps.js';
import type { TenantContext } from '../../http/request_context.js';
import { tenantKeysFor, SIGNING_ALGORITHM } from '../keys/tenant_keys.js';
import { ExpiredAccessTokenError, InvalidAccessTokenError, MissingAccessTokenError } from './access_token_errors.js';
import { isGrantRevoked } from './grant_revocation.js';
import { issuerOf } from './sign_jwt.js';

export interface VerifiedAccessToken {
  subject: string;
  clientId: string;
  scope: string[];
  grantId: string;
  /** Epoch seconds. */
  expiresAt: number;
  claims: JWTPayload;
}

/**
 * Verifies an access token this tenant issued for `audience`: RS256 signature under one of the
 * tenant's published keys, typ at+jwt (so an id_token is never accepted in its place), iss, aud, exp,
 * and that its grant has not been revoked. Throws MissingAccessTokenError, ExpiredAccessTokenError or
 * InvalidAccessTokenError.
 */
export async function verifyAccessToken(
  deps: Pick<AppDeps, 'sealer' | 'store'>,
  context: TenantContext,
  token: string | undefined,
  audience: string,
): Promise<VerifiedAccessToken> {
  if (!token) throw new MissingAccessTokenError('no access token was sent');
  const keys = tenantKeysFor(deps);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(
      token,
      async (header) => {
        const key = await keys.verificationKey(context.tenant, header.kid);
        if (!key) throw new InvalidAccessTokenError('the access token was not signed by this tenant');
        return key;
      },
      { algorithms: [SIGNING_ALGORITHM], typ: 'at+jwt', issuer: issuerOf(context.tenantUrl), audience },
    ));
  } catch (error) {
    if (error instanceof InvalidAccessTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new ExpiredAccessTokenError('the access token has expired');
    throw new InvalidAccessTokenError(describeRejection(error));
  }

  const grantId = payload.gid;
  const clientId = payload.client_id;
  if (typeof grantId !== 'string' || typeof clientId !== 'string' || typeof payload.sub !== 'string') {
    throw new InvalidAccessTokenError('the access token lacks required claims');
  }
  if (await isGrantRevoked(deps.store.ephemeral, context.tenant.name, grantId)) {
    throw new InvalidAccessTokenError('the access token has been revoked');
  }
  return {
    subject: payload.sub,
    clientId,
    scope: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    grantId,
    expiresAt: payload.exp ?? 0,
    claims: payload,
  };
}

function describeRejection(error: unknown): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `the access token's ${error.claim} claim is not valid here`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the access token signature is not valid';
  return 'the access token is malformed';
}
