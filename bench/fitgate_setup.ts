import { allowRedirectUri, GOOGLE_APP } from './emulator_setup.js';
import { formBody, okJson, type HttpClient } from './http_client.js';

/**
 * Sets fitgate up the way an operator would, through the Management API with the bootstrap
 * machine-to-machine client: a regular web application, and the Fitbit connection given the
 * emulator's Google credentials and enabled for that application.
 */

/** Where fitgate sends users back with a code. Never requested: the driver reads the Location. */
export const CLIENT_CALLBACK = 'https://app.bench.example/callback';

export interface BenchApplication {
  clientId: string;
  clientSecret: string;
}

export async function setUpFitgate(
  http: HttpClient,
  fitgateUrl: string,
  emulatorUrl: string,
  bootstrap: BenchApplication,
): Promise<BenchApplication> {
  const token = okJson(
    'management token',
    await http.send(`${fitgateUrl}/oauth/token`, {
      method: 'POST',
      ...formBody({
        grant_type: 'client_credentials',
        client_id: bootstrap.clientId,
        client_secret: bootstrap.clientSecret,
        audience: `${fitgateUrl}/api/v2/`,
      }),
    }),
  );
  const api = managementApi(http, fitgateUrl, String(token.access_token));

  const created = await api('POST', '/clients', { name: 'Bench web app', app_type: 'regular_web', callbacks: [CLIENT_CALLBACK] }, 201);
  const application = { clientId: String(created.client_id), clientSecret: String(created.client_secret) };

  const connections = (await api('GET', '/connections?name=fitbit', undefined, 200)) as unknown as Array<{ id: string }>;
  const connection = connections[0];
  if (!connection) throw new Error('fitgate has no "fitbit" connection after its first start');
  await api(
    'PATCH',
    `/connections/${encodeURIComponent(connection.id)}`,
    {
      options: { api: 'google-health', client_id: GOOGLE_APP.clientId, client_secret: GOOGLE_APP.clientSecret, scope: ['activity', 'profile'] },
      enabled_clients: [application.clientId],
    },
    200,
  );
  await allowRedirectUri(http, emulatorUrl, `${fitgateUrl}/login/callback`);
  return application;
}

type ManagementCall = (method: 'GET' | 'POST' | 'PATCH', path: string, body: unknown, expected: number) => Promise<Record<string, unknown>>;

function managementApi(http: HttpClient, fitgateUrl: string, accessToken: string): ManagementCall {
  return async (method, path, body, expected) => {
    const response = await http.send(`${fitgateUrl}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status !== expected) throw new Error(`Management API ${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
    return JSON.parse(response.body) as Record<string, unknown>;
  };
}
