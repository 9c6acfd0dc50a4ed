import { Router } from 'express';
import { fitbitConnection, managementProblem } from '../connection_state.js';
import { connectionsPage, dashboardPage } from '../views.js';

/** Dashboard and Connections: where a user sees whether Fitbit is connected. */
export function pagesRouter({ management }) {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = req.oidc.user;
    const message = req.query.disconnected === '1' ? 'Fitbit is disconnected and you are signed out.' : undefined;
    try {
      res.send(dashboardPage({ user, connection: await fitbitConnection(req, management), message }));
    } catch (error) {
      res.status(502).send(dashboardPage({ user, message: managementProblem(error) }));
    }
  });

  router.get('/connections', async (req, res) => {
    res.send(connectionsPage({ user: req.oidc.user, connection: await fitbitConnection(req, management) }));
  });

  return router;
}
