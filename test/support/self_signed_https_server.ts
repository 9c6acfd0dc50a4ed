import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestCertificate } from './compat/test_certificate.js';

/**
 * An https server on loopback whose certificate is self-signed (a throw-away one, made at test
 * time, which this process does not trust): what an upstream looks like from behind a
 * TLS-inspecting proxy whose CA Node was not given, or at a base URL pointing at the wrong place.
 * Every handshake fails on the client's side, so no request ever reaches it.
 */
export interface SelfSignedHttpsServer {
  /** "https://127.0.0.1:PORT" */
  readonly url: string;
  /** Requests that got through a handshake: none, unless the client trusted the certificate. */
  readonly requests: () => number;
  close(): Promise<void>;
}

export async function startSelfSignedHttpsServer(): Promise<SelfSignedHttpsServer> {
  const certificate = await makeTestCertificate();
  let requests = 0;
  const server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (_req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await certificate.remove();
    },
  };
}
