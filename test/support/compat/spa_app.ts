import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createClient } from '../../../src/domain/clients.js';
import type { Store } from '../../../src/store/store.js';

/** The SDK's browser bundle, unchanged: a UMD script that defines `window.auth0`. */
const SDK_BUNDLE = createRequire(import.meta.url).resolve('@auth0/auth0-spa-js/dist/auth0-spa-js.production.js');

export interface SpaSettings {
  /** fitgate's tenant URL, given to the SDK as `domain` (http on localhost: the SDK accepts a URL). */
  readonly domain: string;
  readonly clientId: string;
}

export interface SpaApp {
  /** "http://localhost:PORT": the app's origin, its redirect_uri and its Allowed Web Origin. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A single-page app of the smallest kind, on its own port of 127.0.0.1 and reached as localhost:
 * another origin than fitgate's, on the same site, as an app at app.example.com beside fitgate at
 * id.example.com. Its page loads @auth0/auth0-spa-js's bundle and makes `window.spa`, an
 * Auth0Client with the SDK's default options (in-memory cache, no refresh tokens) and the app's
 * origin as redirect_uri, as the SDK's quick start does. Two buttons start loginWithRedirect and
 * loginWithPopup (a popup needs a click); the rest a test calls on `window.spa` itself.
 * `settings` is read per request, so the app can start before the client that names its URL exists.
 */
export async function startSpaApp(settings: () => SpaSettings): Promise<SpaApp> {
  const bundle = readFileSync(SDK_BUNDLE);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/auth0-spa-js.js') return send(res, 'text/javascript', bundle);
    if (path === '/app.js') return send(res, 'text/javascript', appScript(settings()));
    if (path === '/') return send(res, 'text/html', PAGE);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>SPA</title><link rel="icon" href="data:,"><script src="/auth0-spa-js.js"></script><script src="/app.js" defer></script></head>
<body>
<button id="login-redirect">Log in</button>
<button id="login-popup">Log in with a popup</button>
</body>
</html>
`;

/** The app's own script. loginWithPopup's outcome lands in `window.popupOutcome`: "signed in", or the SDK's error code. */
function appScript(settings: SpaSettings): string {
  return `'use strict';
window.spa = new auth0.Auth0Client({
  domain: ${JSON.stringify(settings.domain)},
  clientId: ${JSON.stringify(settings.clientId)},
  authorizationParams: { redirect_uri: window.location.origin },
});
document.getElementById('login-redirect').addEventListener('click', () => { void window.spa.loginWithRedirect(); });
document.getElementById('login-popup').addEventListener('click', () => {
  window.spa.loginWithPopup().then(
    () => { window.popupOutcome = 'signed in'; },
    (error) => { window.popupOutcome = String((error && (error.error || error.message)) || error); },
  );
});
`;
}

function send(res: ServerResponse, type: string, body: string | Buffer): void {
  res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(body);
}

/**
 * Registers the app with the default tenant as Auth0's SPA quickstart has one do (its own URL as the
 * callback and web origin) and enables the bootstrap Fitbit connection for it; its client id.
 */
export async function registerSpa(store: Pick<Store, 'clients' | 'connections'>, spaUrl: string, allowedLogoutUrls: string[]): Promise<string> {
  const { client } = await createClient(store.clients, {
    tenant: 'default',
    name: 'Step Counter SPA',
    appType: 'spa',
    callbacks: [spaUrl],
    allowedLogoutUrls,
    webOrigins: [spaUrl],
  });
  const fitbit = await store.connections.getByName('default', 'fitbit');
  if (!fitbit) throw new Error('bootstrap made no fitbit connection');
  await store.connections.update({ ...fitbit, enabledClients: [...fitbit.enabledClients, client.clientId] });
  return client.clientId;
}
