import { randomBytes } from 'node:crypto';

/**
 * Sets up a fresh fitgate tenant for the Activity Sync example the way an administrator would, with
 * real credentials and no sandbox: an OAuth client registered at the (emulated) upstream, a regular
 * web application in fitgate, and the Fitbit connection given those credentials and enabled for it.
 * Everything goes through public APIs: the emulator's admin API and fitgate's Management API.
 */

export interface SeedInput {
  /** The fitgate tenant URL, e.g. http://localhost:3000. */
  readonly fitgateUrl: string;
  readonly emulatorUrl: string;
  /** The machine-to-machine application fitgate created at first start (FITGATE_BOOTSTRAP_CLIENT_*). */
  readonly bootstrap: { readonly clientId: string; readonly clientSecret: string };
  /** Which upstream the Fitbit connection uses; google-health (the live one) unless told. */
  readonly api?: 'google-health' | 'fitbit-legacy';
}

export interface SeededExample {
  /** The example application's credentials in fitgate. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Registers the example's URL (known once it listens) as callback and logout URLs. */
  registerExampleUrl(exampleUrl: string): Promise<void>;
}

/** The OAuth client registered at each upstream, in the shape each one issues. */
export const UPSTREAM_CLIENT_IDS = { 'google-health': 'activity-sync-example.apps.googleusercontent.com', 'fitbit-legacy': '23SYNC' } as const;
/** Fitbit scopes the example asks for; heartrate can be unticked on the consent page. */
export const EXAMPLE_SCOPES = ['activity', 'heartrate', 'profile'];

export async function seedExampleTenant(input: SeedInput): Promise<SeededExample> {
  const api = input.api ?? 'google-health';
  const upstreamClientId = UPSTREAM_CLIENT_IDS[api];
  const upstreamSecret = api === 'google-health' ? `GOCSPX-${randomBytes(18).toString('base64url')}` : randomBytes(16).toString('hex');
  await send('POST', `${input.emulatorUrl}/_emulator/apps`, undefined, {
    clientId: upstreamClientId,
    clientSecret: upstreamSecret,
    type: 'server',
    api,
    redirectUris: [`${input.fitgateUrl}/login/callback`],
    name: 'Activity Sync (example)',
  });

  const token = await managementToken(input);
  const management = (method: string, path: string, body?: unknown) => send(method, `${input.fitgateUrl}/api/v2${path}`, token, body);

  const client = (await management('POST', '/clients', {
    name: 'Activity Sync',
    app_type: 'regular_web',
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
  })) as { client_id: string; client_secret: string };

  const connections = (await management('GET', '/connections?name=fitbit')) as { id: string; enabled_clients: string[] }[];
  const fitbit = connections[0];
  if (!fitbit) throw new Error('the tenant has no "fitbit" connection');
  await management('PATCH', `/connections/${encodeURIComponent(fitbit.id)}`, {
    options: { api, client_id: upstreamClientId, client_secret: upstreamSecret, scope: EXAMPLE_SCOPES },
    enabled_clients: [...new Set([...fitbit.enabled_clients, client.client_id])],
  });

  return {
    clientId: client.client_id,
    clientSecret: client.client_secret,
    async registerExampleUrl(exampleUrl) {
      await management('PATCH', `/clients/${encodeURIComponent(client.client_id)}`, {
        callbacks: [`${exampleUrl}/callback`],
        allowed_logout_urls: [exampleUrl, `${exampleUrl}/?disconnected=1`],
      });
    },
  };
}

async function managementToken(input: SeedInput): Promise<string> {
  const body = (await send('POST', `${input.fitgateUrl}/oauth/token`, undefined, {
    grant_type: 'client_credentials',
    client_id: input.bootstrap.clientId,
    client_secret: input.bootstrap.clientSecret,
    audience: `${input.fitgateUrl}/api/v2/`,
    scope: 'read:connections update:connections create:clients update:clients',
  })) as { access_token: string };
  return body.access_token;
}

async function send(method: string, url: string, bearer: string | undefined, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // Only the path: the answer may be about a request that carried secrets, never echo the body sent.
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}
