// An application's own API on express-oauth2-jwt-bearer, as Auth0's Express API quickstart writes
// it: auth({ audience, issuerBaseURL }) with every other option at its default, then requiredScopes
// per route. Only issuerBaseURL differs from an API behind an Auth0 tenant. Two such APIs run side by
// side, one per audience in RP_SETTINGS, under /<name>/:
//   GET /<name>/private         any valid token for the audience: answers its header and payload
//   GET /<name>/scoped          and requiredScopes(requiredScope)
//   GET /<name>/machines-only   and claimIncludes('gty', 'client-credentials')
// A refusal answers the SDK's status, WWW-Authenticate header and error as JSON.
import express from 'express';
import { auth, claimIncludes, requiredScopes } from 'express-oauth2-jwt-bearer';
import { errorsAsJson, listen, ready, settings } from './app_process.mjs';

const { issuerBaseURL, audiences, requiredScope } = settings();
const app = express();
const url = await listen(app);

const verified = (req, res) => res.json({ header: req.auth.header, payload: req.auth.payload });
for (const [name, audience] of Object.entries(audiences)) {
  const api = express.Router();
  api.use(auth({ audience, issuerBaseURL }));
  api.get('/private', verified);
  api.get('/scoped', requiredScopes(requiredScope), verified);
  api.get('/machines-only', claimIncludes('gty', 'client-credentials'), verified);
  app.use(`/${name}`, api);
}
// The SDK's errors carry the challenge in `headers`; express's own handler would send them too.
app.use((error, req, res, next) => {
  if (error.headers) res.set(error.headers);
  next(error);
});
app.use(errorsAsJson);
ready(url);
