// Shared by the @auth0/auth0-auth-js apps: an Express app whose /login starts authorization code with
// PKCE through the SDK, and the code's exchange for the app's own /callback.
import { URL } from 'node:url';
import express from 'express';
import { AuthClient } from '@auth0/auth0-auth-js';
import { listen, settings } from './app_process.mjs';

/** Listens, mounts /login asking for `scope`, and returns what the app's own routes need. */
export async function auth0AuthJsApp(scope) {
  const { domain, clientId, clientSecret } = settings();
  const app = express();
  const url = await listen(app);
  const authClient = new AuthClient({ domain, clientId, clientSecret });
  // One user at a time: enough for a test, where a real app would keep this in its session.
  let codeVerifier;

  app.get('/login', async (req, res, next) => {
    try {
      const built = await authClient.buildAuthorizationUrl({ authorizationParams: { redirect_uri: `${url}/callback`, scope } });
      codeVerifier = built.codeVerifier;
      res.redirect(built.authorizationUrl.href);
    } catch (error) {
      next(error);
    }
  });

  /** The tokens for the code that reached /callback with `req`. */
  const tokensFor = (req) => authClient.getTokenByCode(new URL(req.originalUrl, url), { codeVerifier });
  return { app, url, authClient, tokensFor };
}
