// An application on express-openid-connect 3, as Auth0's quickstart writes it. Only issuerBaseURL,
// clientID and clientSecret differ from an Auth0 app. settings.flow: "defaults" (the quickstart:
// response_type id_token, response_mode form_post, every route behind login) or "code" (the
// authorization code flow, authRequired false, one route that requires auth).
import express from 'express';
import expressOpenidConnect from 'express-openid-connect';
import { errorsAsJson, listen, ready, settings } from './app_process.mjs';

const { auth, requiresAuth } = expressOpenidConnect;
const { issuerBaseURL, clientID, clientSecret, flow } = settings();
const app = express();
const baseURL = await listen(app);
const secret = 'a-long-randomly-generated-string-for-the-session-cookie';

if (flow === 'defaults') {
  app.use(auth({ issuerBaseURL, baseURL, clientID, secret }));
  app.get('/', (req, res) => res.json({ user: req.oidc.user }));
} else {
  app.use(
    auth({
      issuerBaseURL,
      baseURL,
      clientID,
      clientSecret,
      secret,
      authRequired: false,
      authorizationParams: { response_type: 'code', scope: 'openid profile email offline_access' },
    }),
  );
  app.get('/', (req, res) => res.json({ authenticated: req.oidc.isAuthenticated() }));
  app.get('/profile', requiresAuth(), async (req, res, next) => {
    try {
      const userinfo = await req.oidc.fetchUserInfo();
      const hadRefreshToken = typeof req.oidc.refreshToken === 'string';
      const refreshed = await req.oidc.accessToken.refresh();
      res.json({ user: req.oidc.user, userinfo, hadRefreshToken, refreshed: typeof refreshed.access_token === 'string' });
    } catch (error) {
      next(error);
    }
  });
  // One refresh with the session's refresh token: two requests at once after the access token
  // expired, each refreshing, send the same refresh token twice.
  app.get('/refresh', requiresAuth(), async (req, res, next) => {
    try {
      const refreshed = await req.oidc.accessToken.refresh();
      res.json({ refreshed: typeof refreshed.access_token === 'string', expiresIn: refreshed.expires_in });
    } catch (error) {
      next(error);
    }
  });
}
app.use(errorsAsJson);
ready(baseURL);
