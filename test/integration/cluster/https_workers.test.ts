import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { HttpsBrowser, makeServerCertificate, type ServerCertificate } from '../server/https_client.js';
import { BOOTSTRAP, claimsOf, sandboxLogin } from '../server/https_sandbox_login.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from '../server/spawn_server.js';

/**
 * FITGATE_WORKERS=2 with FITGATE_TLS_CERT_FILE: every worker serves https on the shared port with
 * the certificate it read itself, and the sandbox (the primary's, reached over loopback) still logs in.
 */
describe('workers serving https', () => {
  let certificate: ServerCertificate;
  let server: RunningServer;
  let port: number;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    certificate = await makeServerCertificate();
    port = await freePort();
    server = startServer({
      PORT: String(port),
      FITGATE_WORKERS: '2',
      FITGATE_DATA_DIR: dataDir,
      FITGATE_TLS_CERT_FILE: certificate.certFile,
      FITGATE_TLS_KEY_FILE: certificate.keyFile,
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.clientId,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.clientSecret,
    });
    await server.port();
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await certificate?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }, SERVER_TEST_TIMEOUT_MS);

  it('answers over https from both workers, and says https once, in the primary', async () => {
    const browser = new HttpsBrowser(`https://localhost:${port}`, certificate.certPem);
    const workers = new Set<string>();
    for (let attempt = 0; attempt < 20 && workers.size < 2; attempt += 1) {
      const live = await browser.get('/health/live');
      expect(live.status).toBe(200);
      workers.add(String(live.headers['x-fitgate-worker']));
    }
    expect(workers.size).toBe(2);
    expect(server.stdout().match(/listening on port \d+ \(https, /g)).toHaveLength(1);
  }, SERVER_TEST_TIMEOUT_MS);

  it('completes a sandbox login over https', async () => {
    const login = await sandboxLogin(new HttpsBrowser(`https://localhost:${port}`, certificate.certPem), `https://localhost:${port}`);
    expect(claimsOf(login.idToken)).toMatchObject({ iss: `https://localhost:${port}/` });
  }, SERVER_TEST_TIMEOUT_MS);
});
