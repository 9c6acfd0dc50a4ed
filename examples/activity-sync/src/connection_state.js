import { ManagementApiError } from './management_api.js';

/**
 * What the app knows of the signed-in user's Fitbit connection: fitgate's identity status, plus
 * one thing only the app can see. fitgate learns that a grant was revoked upstream when its next
 * refresh is refused; until then the token it hands out still looks valid. When Fitbit refuses that
 * token (401) during Verify, the app remembers it in the user's session, so the page keeps saying
 * "Needs re-authorization" until the user signs in again (see forgetTokenRejected).
 */

const REJECTED_FLAG = 'fitbitTokenRejected';

export function rememberTokenRejected(req, reason) {
  req.appSession[REJECTED_FLAG] = reason;
}

/**
 * express-openid-connect's afterCallback hook: a new sign-in got fitgate a new grant, so the old
 * refusal no longer applies. The SDK merges the returned session into the existing one when the
 * same user signs in again, so the flag is cleared explicitly rather than left out.
 */
export function forgetTokenRejected(req, res, session) {
  return { ...session, [REJECTED_FLAG]: undefined };
}

/**
 * `{ connection }`: undefined when not connected; otherwise fitgate's identity, with status
 * `needs_reauthorization` and a `reason` when fitgate or Fitbit says so. `{ problem, unknownStatus }`
 * instead when fitgate could not be asked: then whether Fitbit is connected is not known, and the
 * pages say so rather than "Not connected" (which would invite a Connect that cannot help).
 */
export async function fitbitConnection(req, management) {
  if (!req.oidc.isAuthenticated()) return { connection: undefined };
  let identity;
  try {
    identity = await management.fitbitIdentity(req.oidc.user.sub);
  } catch (error) {
    return managementProblem(error);
  }
  const rejected = req.appSession[REJECTED_FLAG];
  if (identity?.status === 'connected' && rejected) return { connection: { ...identity, status: 'needs_reauthorization', reason: rejected } };
  return { connection: identity };
}

/**
 * The upstream access token for the signed-in user's Fitbit identity: `{ accessToken }`, or
 * `{ connection }` now needing re-authorization (fitgate marks the identity when it could not
 * refresh the token for good), or `{ problem }`.
 */
export async function fitbitAccessToken(req, management) {
  let identity;
  try {
    identity = await management.fitbitAccessToken(req.oidc.user.sub);
  } catch (error) {
    return { problem: managementProblem(error).problem };
  }
  if (!identity) return { problem: 'Fitbit is not connected. Press Connect first.' };
  if (identity.status === 'needs_reauthorization') return { connection: identity };
  if (identity.tokenError) return { problem: tokenProblem(identity.tokenError) };
  // A token without read:user_idp_tokens, or an identity reconnected during the read: ask again.
  if (!identity.accessToken) return { problem: 'fitgate handed out no Fitbit token for this read. Try again.' };
  return { accessToken: identity.accessToken };
}

/** Words for fitgate's `access_token_error`: the token cannot be had now, the connection is unchanged. */
function tokenProblem({ errorCode, message, retry_after: retryAfter }) {
  if (errorCode === 'too_many_requests') return `Fitbit is limiting requests for your account. Try again in ${retryAfter ?? 60} seconds.`;
  if (errorCode === 'upstream_unavailable') return `Fitbit is not answering right now; your connection is unchanged. Try again in a minute. (${message})`;
  return `fitgate could not hand out your Fitbit token (${errorCode}: ${message}).`;
}

/**
 * Words for a Management API failure that is not about the identity itself, and the status to show
 * meanwhile. A refused token request is this app's setup, not the user's connection: it names the
 * setting to fix.
 */
function managementProblem(error) {
  if (!(error instanceof ManagementApiError)) throw error;
  const unknown = (problem, unknownStatus = 'Unknown') => ({ problem, unknownStatus });
  if (error.errorCode === 'invalid_client') {
    return unknown(
      "fitgate refused this app's Management API credentials (invalid_client), so your Fitbit status cannot be read: check MANAGEMENT_CLIENT_ID and MANAGEMENT_CLIENT_SECRET.",
      'Unknown: Management API credentials refused',
    );
  }
  if (error.errorCode === 'access_denied') {
    return unknown(
      `fitgate has not authorized MANAGEMENT_CLIENT_ID for its Management API (access_denied): authorize that machine-to-machine application with read:users update:users read:user_idp_tokens.`,
      'Unknown: Management API access refused',
    );
  }
  if (error.status === 429) return unknown(`fitgate is limiting this app's requests. Try again in ${error.retryAfterSeconds ?? 60} seconds.`);
  if (error.status === 0) return unknown(`${error.message}. Try again in a minute.`);
  if (error.status === 503) return unknown('fitgate is not answering right now; your connection is unchanged. Try again in a minute.');
  return unknown(`fitgate could not answer (${error.status}: ${error.message}).`);
}
