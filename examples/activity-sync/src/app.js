import express from 'express';
import expressOpenIdConnect from 'express-openid-connect';
import { forgetTokenRejected } from './connection_state.js';
import { createFitbitData } from './fitbit_data.js';
import { createManagementApi } from './management_api.js';
import { fitbitRouter } from './routes/fitbit.js';
import { pagesRouter } from './routes/pages.js';
import { errorHandler } from './routes/errors.js';
import { fetchKeepingRefusal, keepTokenRefusal } from './token_refusal.js';

// express-openid-connect is CommonJS: Node gives ESM callers its exports as the default import.
const { auth } = expressOpenIdConnect;

/**
 * Activity Sync: users sign in with Fitbit through fitgate, exactly as they would through Auth0,
 * and the app reads their workouts with the Fitbit token fitgate keeps fresh for it.
 *
 * @param {ReturnType<import('./config.js').loadConfig> & { baseURL: string }} config
 */
export function createApp(config) {
  const app = express();
  app.disable('x-powered-by');

  // Auth0's SDK, unchanged: fitgate serves the same discovery, /authorize, /oauth/token and
  // /v2/logout. `connection: 'fitbit'` skips the login page and goes straight to Fitbit;
  // offline_access is what Auth0 apps ask for, though this app never needs fitgate's refresh token.
  // customFetch only keeps fitgate's answer when it refuses the code exchange (token_refusal.js).
  app.use(keepTokenRefusal);
  app.use(
    auth({
      issuerBaseURL: config.issuerBaseURL,
      baseURL: config.baseURL,
      clientID: config.clientID,
      clientSecret: config.clientSecret,
      secret: config.secret,
      authRequired: false,
      // Sign out of fitgate too (its end_session_endpoint), so Disconnect really ends the sign-in.
      idpLogout: true,
      afterCallback: forgetTokenRejected,
      customFetch: fetchKeepingRefusal,
      authorizationParams: {
        response_type: 'code',
        scope: 'openid profile email offline_access',
        connection: 'fitbit',
      },
    }),
  );

  const services = {
    management: createManagementApi(config.management),
    fitbitData: createFitbitData(config.upstreamBaseUrl, config.sandboxBaseUrl),
    baseURL: config.baseURL,
  };
  app.use(pagesRouter(services));
  app.use('/connections/fitbit', fitbitRouter(services));
  app.use(errorHandler);
  return app;
}
