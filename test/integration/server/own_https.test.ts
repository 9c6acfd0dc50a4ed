import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runAppScript } from '../../support/compat/run_app_script.js';
import { freePort } from '../../support/free_port.js';
import { CERTIFICATE_RECIPE, HttpsBrowser, makeServerCertificate, type ServerCertificate } from './https_client.js';
import { BOOTSTRAP, claimsOf, sandboxLogin } from './https_sandbox_login.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData, type RunningServer } from './spawn_server.js';

/**
 * fitgate serving https itself (FITGATE_TLS_CERT_FILE, FITGATE_TLS_KEY_FILE), as `npm start` on a
 * developer's machine with the README's self-signed certificate: the SDKs that call https://DOMAIN
 * work with their defaults, and the sandbox's back channel still answers inside.
 */
describe('fitgate serving https with its own certificate', () => {
  const servers = useServerOnTempData();
  let certificate: ServerCertificate;
  let server: RunningServer;
  let port: number;
  let login: { idToken: string };

  beforeAll(async () => {
    certificate = await makeServerCertificate();
    port = await freePort();
    server = servers.start({
      PORT: String(port),
      FITGATE_TLS_CERT_FILE: certificate.certFile,
      FITGATE_TLS_KEY_FILE: certificate.keyFile,
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.clientId,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.clientSecret,
    });
    await server.port();
    login = await sandboxLogin(new HttpsBrowser(`https://localhost:${port}`, certificate.certPem), `https://localhost:${port}`);
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(() => certificate?.remove());

  it('runs the certificate recipe README.md and docs/operations.md give, word for word', () => {
    for (const page of ['README.md', 'docs/operations.md']) {
      const text = readFileSync(new URL(`../../../${page}`, import.meta.url), 'utf8');
      expect(text).toContain(CERTIFICATE_RECIPE);
      expect(text).toContain('FITGATE_TLS_CERT_FILE=data/localhost.pem FITGATE_TLS_KEY_FILE=data/localhost-key.pem npm start');
      expect(text).toContain('NODE_EXTRA_CA_CERTS=/path/to/fitgate/data/localhost.pem node app.js');
    }
  });

  it('says https when it starts, and announces an https dashboard on PORT', () => {
    const line = JSON.parse(server.stdout().split('\n').find((text) => text.includes('listening on port')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ port, protocol: 'https', dashboardUrl: `https://localhost:${port}/manage` });
    expect(line.msg).toMatch(/^fitgate is listening on port \d+ \(https, embedded store in /);
  });

  it('completes a sandbox login over https, whose id_token names the https issuer', () => {
    expect(claimsOf(login.idToken)).toMatchObject({ iss: `https://localhost:${port}/`, sub: expect.stringMatching(/^fitbit\|/) });
  });

  it("answers node-auth0's ManagementClient and auth-js, given only the domain, with the certificate trusted by NODE_EXTRA_CA_CERTS", async () => {
    const report = await runAppScript('sdks_on_own_https.mjs', { domain: `localhost:${port}`, ...BOOTSTRAP }, certificate.certFile);
    expect(report.error).toBeUndefined();
    expect(report.users).toEqual([claimsOf(login.idToken).sub]);
    expect(report.clients).toContain(BOOTSTRAP.clientId);
    expect(report.authJsToken).toBe(true);
  }, SERVER_TEST_TIMEOUT_MS);
});
