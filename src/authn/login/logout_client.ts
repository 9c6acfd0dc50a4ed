import { compactVerify } from 'jose';
import type { AppDeps } from '../../app_deps.js';
import type { Client } from '../../domain/types.js';
import type { TenantContext } from '../../http/request_context.js';
import { SIGNING_ALGORITHM, tenantKeysFor } from '../keys/tenant_keys.js';
import { issuerOf } from '../../domain/tenants.js';

/** The application a logout request comes from, or why it cannot be trusted, in words for people. */
export type LogoutClient = { client: Client } | { problem: string };

/**
 * Identifies the application asking to log out, from `client_id` (Auth0) and/or `id_token_hint`
 * (OpenID Connect RP-Initiated Logout §2). A hint counts only when this tenant signed it as an
 * id_token; it may have expired (the spec asks the OP to accept that), and when both are sent they
 * must name the same application.
 */
export async function identifyLogoutClient(
  deps: Pick<AppDeps, 'store' | 'sealer'>,
  context: TenantContext,
  clientId: string | undefined,
  idTokenHint: string | undefined,
): Promise<LogoutClient> {
  let named = clientId;
  if (idTokenHint !== undefined) {
    const hinted = await audienceOfIdToken(deps, context, idTokenHint);
    if (hinted === undefined) return { problem: 'The sign-out request carried an id_token_hint this service did not issue.' };
    if (named !== undefined && named !== hinted) return { problem: 'The id_token_hint was issued to another application.' };
    named = hinted;
  }
  if (named === undefined) {
    return { problem: 'The application did not say which application it is (client_id), so its return address cannot be checked.' };
  }
  const client = await deps.store.clients.get(context.tenant.name, named);
  return client ? { client } : { problem: 'The application that sent you here is not registered with this service.' };
}

/** The single audience of an id_token signed by this tenant, ignoring its expiry; else undefined. */
async function audienceOfIdToken(deps: Pick<AppDeps, 'sealer'>, context: TenantContext, token: string): Promise<string | undefined> {
  const keys = tenantKeysFor(deps);
  try {
    const { payload, protectedHeader } = await compactVerify(
      token,
      async (header) => {
        const key = await keys.verificationKey(context.tenant, header.kid);
        if (!key) throw new Error('unknown kid');
        return key;
      },
      { algorithms: [SIGNING_ALGORITHM] },
    );
    if (protectedHeader.typ !== 'JWT') return undefined;
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { iss?: unknown; aud?: unknown };
    if (claims.iss !== issuerOf(context.tenantUrl)) return undefined;
    const audience = Array.isArray(claims.aud) && claims.aud.length === 1 ? claims.aud[0] : claims.aud;
    return typeof audience === 'string' ? audience : undefined;
  } catch {
    return undefined;
  }
}
