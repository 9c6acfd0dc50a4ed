// An application on @auth0/auth0-auth-js using Token Vault as Auth0 documents it: the user signs in
// with offline_access, the application keeps the refresh token and trades it for the user's access
// token at a connection, through the SDK's getTokenForConnection (deprecated since 1.2, still
// shipped) or exchangeToken with a Token Vault payload. Only domain, clientId and clientSecret differ
// from an Auth0 app.
// https://auth0.com/docs/secure/tokens/token-vault/access-token-exchange-with-token-vault
import { auth0AuthJsApp } from './auth0_auth_js_login.mjs';
import { errorsAsJson, ready } from './app_process.mjs';

const REFRESH_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';

const { app, url, authClient, tokensFor } = await auth0AuthJsApp('openid profile offline_access');
// One user at a time: enough for a test, where a real app would keep it in its session.
let refreshToken;

app.get('/callback', async (req, res, next) => {
  try {
    const tokens = await tokensFor(req);
    refreshToken = tokens.refreshToken;
    res.json({ sub: tokens.claims?.sub, refreshToken: refreshToken !== undefined });
  } catch (error) {
    next(error);
  }
});

// The SDK's answer or its error, as the test reads them, with the SDK's clock around the call (the
// SDK computes expiresAt from expires_in with it).
async function answer(res, call) {
  const before = Math.floor(Date.now() / 1000);
  try {
    const token = await call();
    res.json({
      before,
      after: Math.floor(Date.now() / 1000),
      token: {
        accessToken: token.accessToken,
        expiresAt: token.expiresAt,
        tokenType: token.tokenType,
        issuedTokenType: token.issuedTokenType,
        scope: token.scope,
        refreshToken: token.refreshToken,
        idToken: token.idToken,
      },
    });
  } catch (error) {
    res.json({
      error: {
        name: error.name,
        code: error.code,
        message: error.message,
        statusCode: error.statusCode,
        cause: error.cause && { error: error.cause.error, error_description: error.cause.error_description },
      },
    });
  }
}

app.get('/token-for-connection', (req, res) => answer(res, () => authClient.getTokenForConnection({ connection: req.query.connection, refreshToken })));

app.get('/exchange', (req, res) =>
  answer(res, () => authClient.exchangeToken({ connection: req.query.connection, subjectToken: refreshToken, subjectTokenType: REFRESH_TOKEN_TYPE })),
);

app.use(errorsAsJson);
ready(url);
