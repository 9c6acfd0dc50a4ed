import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AppDeps } from '../../app_deps.js';
import type { TenantContext } from '../../http/request_context.js';
import { tenantKeysFor, SIGNING_ALGORITHM, type TenantKeys } from '../keys/tenant_keys.js';
import { ExpiredAccessTokenError, InvalidAccessTokenError, MissingAccessTokenError, REVOKED_ACCESS_TOKEN } from './access_token_errors.js';
import { decryptAccessToken, encryptedTokenKid, UnreadableTokenError } from './encrypted_access_token.js';
import { isGrantRevoked } from './grant_revocation.js';
import { issuerOf } from '../../domain/tenants.js';
import type { Client } from '../../domain/types.js';

export interface VerifiedAccessToken {
  subject: string;
  clientId: string;
  scope: string[];
  grantId: string;
  /** Epoch seconds. */
  expiresAt: number;
  claims: JWTPayload;
  /** The application the token was issued to, as stored now. */
  client: Client;
}

/** What a token's iss and aud must name: one of `issuers`, and one of `audiences` among its audiences. */
interface ExpectedClaims {
  issuers: readonly string[];
  audiences: readonly string[];
}

/**
 * Verifies an access token this tenant issued for `audience` (or one of several), in either form
 * (access_token.ts): an opaque token must open under the key of a kid the tenant still publishes, a
 * JWT must carry an RS256 signature under one of them and typ at+jwt (so an id_token is never
 * accepted in its place); then iss (the issuer of the request's host, or one of `issuers`), aud,
 * exp, that its grant has not been revoked and that its application still exists. Throws
 * MissingAccessTokenError, ExpiredAccessTokenError or InvalidAccessTokenError.
 */
export async function verifyAccessToken(
  deps: Pick<AppDeps, 'sealer' | 'store'>,
  context: TenantContext,
  token: string | undefined,
  audience: string | readonly string[],
  issuers: readonly string[] = [issuerOf(context.tenantUrl)],
): Promise<VerifiedAccessToken> {
  if (!token) throw new MissingAccessTokenError('no access token was sent');
  const keys = tenantKeysFor(deps);
  const kid = encryptedTokenKid(token);
  const expected: ExpectedClaims = { issuers, audiences: typeof audience === 'string' ? [audience] : audience };
  const payload = kid === undefined ? await verifySigned(keys, context, token, expected) : await openEncrypted(keys, context, token, kid, expected);

  const grantId = payload.gid;
  const clientId = payload.client_id;
  if (typeof grantId !== 'string' || typeof clientId !== 'string' || typeof payload.sub !== 'string') {
    throw new InvalidAccessTokenError('the access token lacks required claims');
  }
  const [revoked, client] = await Promise.all([
    isGrantRevoked(deps.store.ephemeral, context.tenant.name, grantId),
    deps.store.clients.get(context.tenant.name, clientId),
  ]);
  if (revoked) throw new InvalidAccessTokenError(REVOKED_ACCESS_TOKEN);
  // Deleting an application ends what it was given: its refresh tokens at once, its access tokens here.
  if (!client) throw new InvalidAccessTokenError('the application this access token was issued to no longer exists');
  return {
    subject: payload.sub,
    clientId,
    scope: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    grantId,
    expiresAt: payload.exp ?? 0,
    claims: payload,
    client,
  };
}

/** An RS256 JWT access token (the Management API's): jose checks signature, typ, iss, aud and exp. */
async function verifySigned(keys: TenantKeys, context: TenantContext, token: string, expected: ExpectedClaims): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = await keys.verificationKey(context.tenant, header.kid);
        if (!key) throw new InvalidAccessTokenError('the access token was not signed by this tenant');
        return key;
      },
      { algorithms: [SIGNING_ALGORITHM], typ: 'at+jwt', issuer: [...expected.issuers], audience: [...expected.audiences] },
    );
    return payload;
  } catch (error) {
    if (error instanceof InvalidAccessTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new ExpiredAccessTokenError('the access token has expired');
    throw new InvalidAccessTokenError(describeRejection(error));
  }
}

/** An opaque access token (encrypted_access_token.ts): the tag proves it ours, then iss, aud and exp. */
async function openEncrypted(keys: TenantKeys, context: TenantContext, token: string, kid: string, expected: ExpectedClaims): Promise<JWTPayload> {
  const key = await keys.tokenDecryptionKey(context.tenant, kid);
  if (!key) throw new InvalidAccessTokenError('the access token was not issued by this tenant');
  let payload: JWTPayload;
  try {
    payload = decryptAccessToken(key, token);
  } catch (error) {
    if (error instanceof UnreadableTokenError) throw new InvalidAccessTokenError('the access token is not valid');
    throw error;
  }
  if (typeof payload.iss !== 'string' || !expected.issuers.includes(payload.iss)) throw new InvalidAccessTokenError("the access token's iss claim is not valid here");
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!expected.audiences.some((audience) => audiences.includes(audience))) throw new InvalidAccessTokenError("the access token's aud claim is not valid here");
  if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) {
    throw new ExpiredAccessTokenError('the access token has expired');
  }
  return payload;
}

function describeRejection(error: unknown): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `the access token's ${error.claim} claim is not valid here`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the access token signature is not valid';
  return 'the access token is malformed';
}
