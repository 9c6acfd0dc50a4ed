import { Router } from 'express';
import { fitbitConnection } from '../connection_state.js';
import { connectionsPage, dashboardPage } from '../views.js';

/** Dashboard and Connections: where a user sees whether Fitbit is connected. */
export function pagesRouter({ management }) {
  const router = Router();

  router.get('/', async (req, res) => {
    const { connection, problem } = await fitbitConnection(req, management);
    const message = req.query.disconnected === '1' ? 'Fitbit is disconnected and you are signed out.' : undefined;
    res.status(problem ? 502 : 200).send(dashboardPage({ user: req.oidc.user, connection, message, problem }));
  });

  router.get('/connections', async (req, res) => {
    const { connection, problem } = await fitbitConnection(req, management);
    res.status(problem ? 502 : 200).send(connectionsPage({ user: req.oidc.user, connection, problem }));
  });

  return router;
}
