import { Router } from 'express';
import expressOpenIdConnect from 'express-openid-connect';
import { fitbitConnection, managementProblem, rememberTokenRejected } from '../connection_state.js';
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
    const user = req.oidc.user;
    try {
      res.send(fitbitPage({ user, connection: await fitbitConnection(req, management) }));
    } catch (error) {
      res.status(502).send(fitbitPage({ user, problem: managementProblem(error) }));
    }
  });

  router.get('/connect', (req, res) => res.oidc.login({ returnTo }));

  // A new consent gives Fitbit a chance to grant what is missing and issues a new refresh token.
  router.get('/reconnect', (req, res) => res.oidc.login({ returnTo, authorizationParams: { prompt: 'consent' } }));

  router.get('/verify', requiresAuth(), async (req, res) => {
    const user = req.oidc.user;
    let connection;
    try {
      connection = await fitbitConnection(req, management);
    } catch (error) {
      res.status(502).send(fitbitPage({ user, problem: managementProblem(error) }));
      return;
    }
    if (connection?.status !== 'connected') {
      res.send(fitbitPage({ user, connection, problem: connection ? undefined : 'Fitbit is not connected. Press Connect first.' }));
      return;
    }
    try {
      const activities = await fitbitData.recentActivities(connection);
      const heart = await heartRateOrProblem(fitbitData, connection);
      res.send(fitbitPage({ user, connection, offerReconnect: heart.heartRateProblem !== undefined, verification: { activities, ...heart } }));
    } catch (error) {
      if (!(error instanceof UpstreamRefusal)) throw error;
      if (error.kind === 'token_rejected') {
        const reason = `Fitbit refused the access token: ${error.message}`;
        rememberTokenRejected(req, reason);
        res.send(fitbitPage({ user, connection: { ...connection, status: 'needs_reauthorization', reason } }));
        return;
      }
      res.status(502).send(fitbitPage({ user, connection, offerReconnect: error.kind === 'permission_missing', problem: upstreamProblem(error, ACTIVITIES) }));
    }
  });

  router.post('/disconnect', requiresAuth(), async (req, res) => {
    const connection = await fitbitConnection(req, management).catch(() => undefined);
    if (connection?.userId) await management.unlinkFitbit(req.oidc.user.sub, connection.userId);
    res.oidc.logout({ returnTo: `${baseURL}/?disconnected=1` });
  });

  return router;
}

/** Heart rate is a separate permission on the consent screen: its absence is a message, not a failure. */
async function heartRateOrProblem(fitbitData, connection) {
  try {
    return { heartRate: await fitbitData.heartRate(connection) };
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
    case 'gone':
      return 'The legacy Fitbit API has been shut down. Ask the administrator to switch the Fitbit connection to the Google Health API, then reconnect.';
    default:
      return `Fitbit could not be read right now (${error.message}). Try again in a minute.`;
  }
}
