// An application on @auth0/auth0-auth-js whose /callback answers the raw id_token and access token
// of the login, so a test can present them to an API as a careless (or hostile) caller would.
import { auth0AuthJsApp } from './auth0_auth_js_login.mjs';
import { errorsAsJson, ready } from './app_process.mjs';

const { app, url, tokensFor } = await auth0AuthJsApp('openid profile email');

app.get('/callback', async (req, res, next) => {
  try {
    const tokens = await tokensFor(req);
    res.json({ idToken: tokens.idToken, accessToken: tokens.accessToken });
  } catch (error) {
    next(error);
  }
});
app.use(errorsAsJson);
ready(url);
