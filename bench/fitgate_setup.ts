import { allowRedirectUri, GOOGLE_APP, type UpstreamApp } from './emulator_setup.js';
import { formBody, okJson, type HttpClient } from './http_client.js';

/**
 * Sets fitgate up the way an operator would, through the Management API with the bootstrap
 * machine-to-machine client: a regular web application, and the Fitbit connection given the
 * emulator's Google credentials and enabled for that application. The connection can then be pointed
 * at another upstream app the same way, which is how the benchmark measures the legacy mode.
 */

/** Where fitgate sends users back with a code. Never requested: the driver reads the Location. */
export const CLIENT_CALLBACK = 'https://app.bench.example/callback';

export interface BenchApplication {
  clientId: string;
  clientSecret: string;
}

export interface BenchFitgate {
  application: BenchApplication;
  /** Gives the Fitbit connection this upstream app's credentials and API, and fitgate's callback on that app. */
  useUpstream(upstream: UpstreamApp): Promise<void>;
}

export async function setUpFitgate(
  http: HttpClient,
  fitgateUrl: string,
  emulatorUrl: string,
  bootstrap: BenchApplication,
): Promise<BenchFitgate> {
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
  const connectionPath = `/connections/${encodeURIComponent(connection.id)}`;
  const useUpstream = async (upstream: UpstreamApp): Promise<void> => {
    const options = { api: upstream.api, client_id: upstream.clientId, client_secret: upstream.clientSecret, scope: ['activity', 'profile'] };
    await api('PATCH', connectionPath, { options }, 200);
    await allowRedirectUri(http, emulatorUrl, upstream.clientId, `${fitgateUrl}/login/callback`);
  };
  await api('PATCH', connectionPath, { enabled_clients: [application.clientId] }, 200);
  await useUpstream(GOOGLE_APP);
  return { application, useUpstream };
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
