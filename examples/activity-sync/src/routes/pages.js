import { Router } from 'express';
import { fitbitConnection } from '../connection_state.js';
import { connectionsPage, dashboardPage } from '../views.js';

/** Dashboard and Connections: where a user sees whether Fitbit is connected. */
export function pagesRouter({ management }) {
  const router = Router();

  router.get('/', async (req, res) => {
    const state = await fitbitConnection(req, management);
    const message = req.query.disconnected === '1' ? 'Fitbit is disconnected and you are signed out.' : undefined;
    res.status(state.problem ? 502 : 200).send(dashboardPage({ user: req.oidc.user, message, ...state }));
  });

  router.get('/connections', async (req, res) => {
    const state = await fitbitConnection(req, management);
    res.status(state.problem ? 502 : 200).send(connectionsPage({ user: req.oidc.user, ...state }));
  });

  return router;
}
