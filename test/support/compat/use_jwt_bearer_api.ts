import { afterAll, beforeAll } from '@jest/globals';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { CompatBrowser } from './compat_browser.js';
import { startFitgateBehindTls, type FitgateBehindTls } from './fitgate_behind_tls.js';
import { startRelyingParty, type RelyingParty } from './relying_party.js';

/** An audience fitgate serves no token for: an application's own API, as named at Auth0. */
export const ORDERS_AUDIENCE = 'https://orders.example/api';

export interface JwtBearerApiOptions {
  /** The Management API scopes the machine-to-machine application is granted. */
  granted: string[];
  /** What the API's /scoped routes ask requiredScopes() for. */
  requiredScope: string;
}

/** What an API route answered: the verified token, or the SDK's refusal. */
export interface ApiAnswer {
  status: number;
  /** The WWW-Authenticate challenge of a refusal. */
  challenge: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON from another process
  body: Record<string, any>;
}

export interface JwtBearerApiSetting {
  readonly fitgate: FitgateBehindTls;
  /**
   * The one API audience fitgate issues JWT access tokens for: the tenant's Management API
   * (`<tenant URL>/api/v2/`). The API under /tenant-api/ takes it; the one under /orders/ takes
   * ORDERS_AUDIENCE.
   */
  readonly audience: string;
  readonly machine: { clientId: string; clientSecret: string };
  /** A client_credentials access token of the machine-to-machine application, for `audience`. */
  clientCredentials(scope?: string): Promise<string>;
  /** GET `path` of the API with `Authorization: Bearer token`. */
  call(path: string, token: string): Promise<ApiAnswer>;
}

/**
 * fitgate behind TLS, a machine-to-machine application granted `options.granted` on its Management
 * API, and an application's own API on express-oauth2-jwt-bearer with its defaults
 * (test/support/compat/apps/express_oauth2_jwt_bearer_api.mjs) trusting fitgate as its issuer.
 * Started in beforeAll and closed in afterAll of the file that calls this.
 */
export function useJwtBearerApi(options: JwtBearerApiOptions): JwtBearerApiSetting {
  let fitgate: FitgateBehindTls | undefined;
  let api: RelyingParty | undefined;
  let machine: { clientId: string; clientSecret: string } | undefined;
  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'orders worker', appType: 'non_interactive', managementScopes: options.granted });
    if (!clientSecret) throw new Error('a machine-to-machine application came without a secret');
    machine = { clientId: client.clientId, clientSecret };
    api = await startRelyingParty(
      'express_oauth2_jwt_bearer_api',
      {
        issuerBaseURL: fitgate.publicUrl,
        audiences: { 'tenant-api': managementApiAudience(fitgate.publicUrl), orders: ORDERS_AUDIENCE },
        requiredScope: options.requiredScope,
      },
      fitgate.certificate.caFile,
    );
  });
  afterAll(async () => {
    await api?.close();
    await fitgate?.close();
  });
  const running = <T>(part: T | undefined): T => {
    if (!part) throw new Error('fitgate and the API are not running: use them inside a test of the file that called useJwtBearerApi()');
    return part;
  };
  return {
    get fitgate() {
      return running(fitgate);
    },
    get audience() {
      return managementApiAudience(running(fitgate).publicUrl);
    },
    get machine() {
      return running(machine);
    },
    async clientCredentials(scope) {
      const { publicUrl, certificate } = running(fitgate);
      const { clientId, clientSecret } = running(machine);
      const form: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: managementApiAudience(publicUrl) };
      if (scope !== undefined) form.scope = scope;
      const answer = await new CompatBrowser(certificate.certPem).post(`${publicUrl}/oauth/token`, form);
      if (answer.status !== 200) throw new Error(`client_credentials was refused: ${answer.status} ${answer.text}`);
      return (JSON.parse(answer.text) as { access_token: string }).access_token;
    },
    async call(path, token) {
      const response = await fetch(`${running(api).url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, challenge: response.headers.get('www-authenticate'), body: (await response.json()) as ApiAnswer['body'] };
    },
  };
}
