// An application on @auth0/auth0-auth-js: authorization code with PKCE, the code exchanged for
// tokens, /userinfo, then a refresh and /userinfo with the new token. Only domain, clientId and
// clientSecret differ from an Auth0 app.
import { auth0AuthJsApp } from './auth0_auth_js_login.mjs';
import { errorsAsJson, ready } from './app_process.mjs';

const { app, url, authClient, tokensFor } = await auth0AuthJsApp('openid profile email offline_access');

app.get('/callback', async (req, res, next) => {
  try {
    const tokens = await tokensFor(req);
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
