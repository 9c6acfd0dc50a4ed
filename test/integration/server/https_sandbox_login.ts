import { randomBytes } from 'node:crypto';
import type { Answer, HttpsBrowser } from './https_client.js';

/** The machine-to-machine application FITGATE_BOOTSTRAP_CLIENT_ID/_SECRET create at the first start. */
export const BOOTSTRAP = { clientId: 'https-bootstrap', clientSecret: randomBytes(24).toString('base64url') };
/** The application's callback: never requested, the test reads the Location. */
const APP_CALLBACK = 'https://app.example/callback';

function expectStatus(answer: Answer, status: number, step: string): Answer {
  if (answer.status !== status) throw new Error(`${step}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer;
}

/**
 * What a developer does after the README's local https recipe: a web application and the sandbox
 * Fitbit connection set up through the Management API, then one sandbox login of alice (the
 * emulator's consent answered through its query parameters) and its code exchanged for tokens.
 */
export async function sandboxLogin(browser: HttpsBrowser, publicUrl: string): Promise<{ idToken: string }> {
  const token = expectStatus(
    await browser.post('/oauth/token', { grant_type: 'client_credentials', client_id: BOOTSTRAP.clientId, client_secret: BOOTSTRAP.clientSecret, audience: `${publicUrl}/api/v2/` }),
    200,
    'management token',
  );
  const authorization = { authorization: `Bearer ${String(JSON.parse(token.text).access_token)}` };
  const created = expectStatus(await browser.post('/api/v2/clients', { name: 'Local app', app_type: 'regular_web', callbacks: [APP_CALLBACK] }, authorization), 201, 'create client');
  const { client_id: clientId, client_secret: clientSecret } = JSON.parse(created.text) as { client_id: string; client_secret: string };
  const [connection] = JSON.parse(expectStatus(await browser.get('/api/v2/connections?name=fitbit', authorization), 200, 'connections').text) as Array<{ id: string }>;
  const enable = JSON.stringify({ enabled_clients: [clientId] });
  expectStatus(await browser.send('PATCH', `/api/v2/connections/${connection?.id ?? ''}`, { ...authorization, 'content-type': 'application/json' }, enable), 200, 'enable connection');

  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: APP_CALLBACK, scope: 'openid profile', state: 'local', connection: 'fitbit' });
  const consent = expectStatus(await browser.get(`/authorize?${query}`), 302, 'authorize').location ?? new URL('about:blank');
  consent.searchParams.set('emulator_user', 'alice');
  consent.searchParams.set('emulator_decision', 'approve');
  const callback = expectStatus(await browser.get(consent), 302, 'sandbox consent').location ?? '';
  // fitgate exchanges the emulator's code over its back channel here.
  const back = expectStatus(await browser.get(callback), 302, 'login callback').location;
  if (!back?.href.startsWith(`${APP_CALLBACK}?`)) throw new Error(`login callback sent the browser to ${String(back)}`);
  const tokens = expectStatus(
    await browser.post('/oauth/token', { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: APP_CALLBACK, client_id: clientId, client_secret: clientSecret }),
    200,
    'code exchange',
  );
  return { idToken: String(JSON.parse(tokens.text).id_token) };
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

