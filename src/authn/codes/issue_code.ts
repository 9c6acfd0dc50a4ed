import { randomBytes, randomUUID } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import { AUTHORIZATION_CODE_TTL_SECONDS, type AuthorizationCodeRecord } from './authorization_code.js';
import type { PendingAuthorization } from '../login/login_transaction.js';

/**
 * Issues the authorization code for a finished login: 32 random bytes, stored with everything
 * /oauth/token checks it against (client, redirect_uri, PKCE challenge, scope, nonce) for 60 s,
 * the login session's id, which the id_token and refresh token issued from it carry, the tenant
 * URL the login was made under, whose issuer they carry, the createdAt of the user it signs in, and
 * the user's grant to the client it was issued under (a third-party client's: its consent).
 */
export async function issueAuthorizationCode(
  ephemeral: Pick<EphemeralStore, 'put'>,
  request: PendingAuthorization,
  login: { userId: string; userCreatedAt: string; authTime: number; sid: string; tenantUrl: string; consentGrantId?: string | undefined },
): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const record: AuthorizationCodeRecord = {
    tenant: request.tenant,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    userId: login.userId,
    userCreatedAt: login.userCreatedAt,
    scope: [...request.scope],
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    ...(request.codeChallenge !== undefined ? { codeChallenge: request.codeChallenge, codeChallengeMethod: 'S256' as const } : {}),
    connection: request.connection,
    authTime: login.authTime,
    sid: login.sid,
    tenantUrl: login.tenantUrl,
    ...(login.consentGrantId !== undefined ? { consentGrantId: login.consentGrantId } : {}),
    grantId: randomUUID(),
  };
  await ephemeral.put('authorization_code', code, record, AUTHORIZATION_CODE_TTL_SECONDS);
  return code;
}
