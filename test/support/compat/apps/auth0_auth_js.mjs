// An application on @auth0/auth0-auth-js: authorization code with PKCE, the code exchanged for
// tokens, /userinfo, then a refresh and /userinfo with the new token. Only domain, clientId and
// clientSecret differ from an Auth0 app.
import { URL } from 'node:url';
import express from 'express';
import { AuthClient } from '@auth0/auth0-auth-js';
import { errorsAsJson, listen, ready, settings } from './app_process.mjs';

const { domain, clientId, clientSecret } = settings();
const app = express();
const url = await listen(app);
const authClient = new AuthClient({ domain, clientId, clientSecret });
const redirectUri = `${url}/callback`;
// One user at a time: enough for a test, where a real app would keep this in its session.
let codeVerifier;

app.get('/login', async (req, res, next) => {
  try {
    const built = await authClient.buildAuthorizationUrl({
      authorizationParams: { redirect_uri: redirectUri, scope: 'openid profile email offline_access' },
    });
    codeVerifier = built.codeVerifier;
    res.redirect(built.authorizationUrl.href);
  } catch (error) {
    next(error);
  }
});

app.get('/callback', async (req, res, next) => {
  try {
    const tokens = await authClient.getTokenByCode(new URL(req.originalUrl, url), { codeVerifier });
    const userinfo = await authClient.getUserInfo({ accessToken: tokens.accessToken });
    const refreshed = await authClient.getTokenByRefreshToken({ refreshToken: tokens.refreshToken });
    const userinfoAfterRefresh = await authClient.getUserInfo({ accessToken: refreshed.accessToken });
    res.json({
      claims: tokens.claims,
      userinfo,
      refresh: { rotated: refreshed.refreshToken !== undefined && refreshed.refreshToken !== tokens.refreshToken, sub: userinfoAfterRefresh.sub },
    });
  } catch (error) {
    next(error);
  }
});
app.use(errorsAsJson);
ready(url);
