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
 * `needs_reauthorization` and a `reason` when fitgate or Fitbit says so. `{ problem }` instead
 * when fitgate could not be asked.
 */
export async function fitbitConnection(req, management) {
  if (!req.oidc.isAuthenticated()) return { connection: undefined };
  let identity;
  try {
    identity = await management.fitbitIdentity(req.oidc.user.sub);
  } catch (error) {
    return { problem: managementProblem(error) };
  }
  const rejected = req.appSession[REJECTED_FLAG];
  if (identity?.status === 'connected' && rejected) return { connection: { ...identity, status: 'needs_reauthorization', reason: rejected } };
  return { connection: identity };
}

/**
 * The upstream access token for a connected identity: `{ accessToken }`, or `{ connection }` now
 * needing re-authorization (fitgate's 409), or `{ problem }`.
 */
export async function fitbitAccessToken(req, management, connection) {
  try {
    const accessToken = await management.fitbitAccessToken(req.oidc.user.sub);
    return accessToken ? { accessToken } : { problem: 'Fitbit is not connected. Press Connect first.' };
  } catch (error) {
    if (error instanceof ManagementApiError && error.errorCode === 'needs_reauthorization') {
      return { connection: { ...connection, status: 'needs_reauthorization', reason: error.message } };
    }
    return { problem: managementProblem(error) };
  }
}

/** Words for a Management API failure that is not about the identity itself. */
function managementProblem(error) {
  if (!(error instanceof ManagementApiError)) throw error;
  if (error.status === 429) {
    return `Fitbit is limiting requests for your account. Try again in ${error.retryAfterSeconds ?? 60} seconds.`;
  }
  if (error.status === 0) return `${error.message}. Try again in a minute.`;
  if (error.status === 503) return 'Fitbit is not answering right now; your connection is unchanged. Try again in a minute.';
  return `fitgate could not answer (${error.status}: ${error.message}).`;
}
