import type { EphemeralStore } from '../../domain/ports.js';
import { GRANT_REVOCATION_TTL_SECONDS } from './lifetimes.js';

/**
 * A grant is everything issued from one authorization code (or one client_credentials request): its
 * access tokens carry its id and its refresh tokens form one rotation family. Revoking it is how a
 * replayed code, a reused refresh token or /oauth/revoke kill every token at once, without having to
 * find them: every use of a token asks whether its grant is revoked.
 */
export interface GrantRevocation {
  revokedAt: string;
  reason: GrantRevocationReason;
}

export type GrantRevocationReason = 'authorization_code_replayed' | 'refresh_token_reused' | 'revoked_by_client';

function grantKey(tenant: string, grantId: string): string {
  return `${tenant}:${grantId}`;
}

export async function revokeGrant(
  ephemeral: EphemeralStore,
  tenant: string,
  grantId: string,
  reason: GrantRevocationReason,
): Promise<void> {
  const revocation: GrantRevocation = { revokedAt: new Date().toISOString(), reason };
  await ephemeral.put('grant', grantKey(tenant, grantId), revocation, GRANT_REVOCATION_TTL_SECONDS);
}

export async function isGrantRevoked(ephemeral: EphemeralStore, tenant: string, grantId: string): Promise<boolean> {
  return (await ephemeral.get<GrantRevocation>('grant', grantKey(tenant, grantId))) !== undefined;
}
