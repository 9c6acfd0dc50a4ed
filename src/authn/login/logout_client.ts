import { compactVerify } from 'jose';
import type { AppDeps } from '../../app_deps.js';
import type { Client } from '../../domain/types.js';
import type { TenantContext } from '../../http/request_context.js';
import { SIGNING_ALGORITHM, tenantKeysFor } from '../keys/tenant_keys.js';
import { issuerOf, tenantUrlsServed } from '../../domain/tenants.js';

/**
 * The application a logout request comes from, or why it cannot be trusted, in words for people;
 * and, beside either, the login session a verified id_token_hint names (its `sid`), which
 * logout_endpoint.ts compares with the browser's. A hint that could not be verified names none.
 */
export type LogoutClient = ({ client: Client } | { problem: string }) & { hintedSid?: string };

/**
 * Identifies the application asking to log out, from `client_id` (Auth0) and/or `id_token_hint`
 * (OpenID Connect RP-Initiated Logout §2). A hint counts only when this tenant signed it as an
 * id_token; it may have expired (the spec asks the OP to accept that), and when both are sent they
 * must name the same application. A hint signed with a key the tenant no longer has (retired a day
 * after a rotation, while an application's session may last a week) cannot be checked: it is set
 * aside when `client_id` names the application, as express-openid-connect's logout sends both.
 */
export async function identifyLogoutClient(
  deps: Pick<AppDeps, 'store' | 'sealer' | 'config'>,
  context: TenantContext,
  clientId: string | undefined,
  idTokenHint: string | undefined,
): Promise<LogoutClient> {
  let named = clientId;
  // The session a verified hint names goes along whatever the answer about the application.
  let session: { hintedSid?: string } = {};
  if (idTokenHint !== undefined) {
    const hint = await readIdTokenHint(deps, context, idTokenHint);
    if (hint === 'not ours' || (hint === 'unknown key' && named === undefined)) {
      return { problem: 'The sign-out request carried an id_token_hint this service did not issue.' };
    }
    if (hint !== 'unknown key') {
      if (hint.sid !== undefined) session = { hintedSid: hint.sid };
      if (named !== undefined && named !== hint.audience) return { problem: 'The id_token_hint was issued to another application.', ...session };
      named = hint.audience;
    }
  }
  if (named === undefined) {
    return { problem: 'The application did not say which application it is (client_id), so its return address cannot be checked.' };
  }
  const client = await deps.store.clients.get(context.tenant.name, named);
  return client ? { client, ...session } : { problem: 'The application that sent you here is not registered with this service.', ...session };
}

class UnknownKeyError extends Error {}

/**
 * The single audience of an id_token signed by this tenant, ignoring its expiry, and its `sid` when
 * it has one (an id_token older than sids has none); 'unknown key' when its kid names no key the
 * tenant has; 'not ours' for anything else (a bad signature, an issuer that is none of the tenant's
 * hosts: an id_token names the host its login was made at, grant_tenant_url.ts, which need not be
 * the one the application logs out at).
 */
async function readIdTokenHint(
  deps: Pick<AppDeps, 'sealer' | 'config'>,
  context: TenantContext,
  token: string,
): Promise<{ audience: string; sid?: string } | 'unknown key' | 'not ours'> {
  const keys = tenantKeysFor(deps);
  try {
    const { payload, protectedHeader } = await compactVerify(
      token,
      async (header) => {
        const key = await keys.verificationKey(context.tenant, header.kid);
        if (!key) throw new UnknownKeyError();
        return key;
      },
      { algorithms: [SIGNING_ALGORITHM] },
    );
    if (protectedHeader.typ !== 'JWT') return 'not ours';
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { iss?: unknown; aud?: unknown; sid?: unknown };
    if (!tenantUrlsServed(deps.config, context).some((url) => claims.iss === issuerOf(url))) return 'not ours';
    const audience = Array.isArray(claims.aud) && claims.aud.length === 1 ? claims.aud[0] : claims.aud;
    if (typeof audience !== 'string') return 'not ours';
    return typeof claims.sid === 'string' ? { audience, sid: claims.sid } : { audience };
  } catch (error) {
    return error instanceof UnknownKeyError ? 'unknown key' : 'not ours';
  }
}
