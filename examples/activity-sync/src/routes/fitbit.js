import { Router } from 'express';
import expressOpenIdConnect from 'express-openid-connect';
import { fitbitAccessToken, fitbitConnection, rememberTokenRejected } from '../connection_state.js';
import { UpstreamRefusal } from '../fitbit_data.js';
import { fitbitPage } from '../views.js';

const { requiresAuth } = expressOpenIdConnect;

/**
 * Connections → Fitbit: Connect (sign in through fitgate), Verify (read activities with the upstream
 * token from the Management API), Reconnect (sign in again with prompt=consent), Disconnect (unlink
 * through the Management API, then sign out). Disconnect is the only POST; the session cookie is
 * SameSite=Lax, so another site cannot submit it for the user.
 */
export function fitbitRouter({ management, fitbitData, baseURL }) {
  const router = Router();
  const returnTo = '/connections/fitbit';

  router.get('/', async (req, res) => {
    const state = await fitbitConnection(req, management);
    res.status(state.problem ? 502 : 200).send(fitbitPage({ user: req.oidc.user, ...state }));
  });

  router.get('/connect', (req, res) => res.oidc.login({ returnTo }));

  // prompt=consent shows the consent screen again, where the user can tick a permission they left
  // out. A plain sign-in would reconnect a user who needs it as well: when Google sends no refresh
  // token, fitgate goes back to Google for the consent that issues one by itself.
  router.get('/reconnect', (req, res) => res.oidc.login({ returnTo, authorizationParams: { prompt: 'consent' } }));

  router.get('/verify', requiresAuth(), async (req, res) => {
    const user = req.oidc.user;
    const page = (status, view) => res.status(status).send(fitbitPage({ user, ...view }));

    const state = await fitbitConnection(req, management);
    if (state.problem) return page(502, state);
    if (!state.connection) return page(200, { problem: 'Fitbit is not connected. Press Connect first.' });
    if (state.connection.status !== 'connected') return page(200, state);

    const token = await fitbitAccessToken(req, management);
    if (!token.accessToken) return page(token.problem ? 502 : 200, { connection: token.connection ?? state.connection, problem: token.problem });

    const identity = { ...state.connection, accessToken: token.accessToken };
    try {
      const activities = await fitbitData.recentActivities(identity);
      const heart = await heartRateOrProblem(fitbitData, identity);
      return page(200, { connection: state.connection, offerReconnect: heart.heartRateProblem !== undefined, verification: { activities, ...heart } });
    } catch (error) {
      if (!(error instanceof UpstreamRefusal)) throw error;
      if (error.kind === 'token_rejected') {
        const reason = 'Fitbit refused the access token: it was revoked or has expired';
        rememberTokenRejected(req, reason);
        return page(200, { connection: { ...state.connection, status: 'needs_reauthorization', reason } });
      }
      return page(502, { connection: state.connection, offerReconnect: error.kind === 'permission_missing', problem: upstreamProblem(error, ACTIVITIES) });
    }
  });

  router.post('/disconnect', requiresAuth(), async (req, res) => {
    const state = await fitbitConnection(req, management);
    // Signing out without unlinking would leave the user believing Fitbit is disconnected.
    if (state.problem) return res.status(502).send(fitbitPage({ user: req.oidc.user, ...state }));
    if (state.connection) await management.unlinkFitbit(req.oidc.user.sub, state.connection.userId);
    res.oidc.logout({ returnTo: `${baseURL}/?disconnected=1` });
  });

  return router;
}

/** Heart rate is a separate permission on the consent screen: its absence is a message, not a failure. */
async function heartRateOrProblem(fitbitData, identity) {
  try {
    return { heartRate: await fitbitData.heartRate(identity) };
  } catch (error) {
    if (!(error instanceof UpstreamRefusal) || error.kind === 'token_rejected') throw error;
    return { heartRateProblem: upstreamProblem(error, HEART_RATE) };
  }
}

const ACTIVITIES = { missing: 'Your activities are missing', permission: 'activity' };
const HEART_RATE = { missing: 'Heart rate is missing', permission: 'heart rate' };

function upstreamProblem(error, data) {
  switch (error.kind) {
    case 'permission_missing':
      return `${data.missing} because the ${data.permission} permission was not granted on the Fitbit consent screen. Press Reconnect and leave it ticked.`;
    case 'rate_limited':
      return `Fitbit is limiting requests for your account. Try again in ${error.retryAfterSeconds ?? 60} seconds.`;
    case 'sandbox_token':
      return `Fitbit could not be read: ${error.message} and restart Activity Sync. The Fitbit connection in fitgate has no Client ID of its own, so it signs users in through fitgate's sandbox, whose tokens work nowhere else.`;
    case 'gone':
      return 'The legacy Fitbit API has been shut down. Ask the administrator to switch the Fitbit connection to the Google Health API, then reconnect.';
    default:
      return `Fitbit could not be read right now (${error.message}). Try again in a minute.`;
  }
}
