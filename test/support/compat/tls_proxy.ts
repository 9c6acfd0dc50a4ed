import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './test_certificate.js';

/**
 * A small TLS-terminating reverse proxy for the compat suites: Auth0's SDKs insist on https, fitgate
 * listens on plain http. Requests arriving at https://localhost:PORT are forwarded to `target` with
 * their Host header unchanged (fitgate finds the tenant from it) and the X-Forwarded-Proto / -For
 * headers a real proxy adds, which fitgate trusts with FITGATE_TRUST_PROXY=loopback.
 */
export interface TlsProxy {
  /** "https://localhost:PORT": what FITGATE_PUBLIC_URL should be. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface TlsProxyOptions {
  certificate: Pick<TestCertificate, 'keyPem' | 'certPem'>;
  /**
   * Where to forward, "http://127.0.0.1:PORT". A function so the proxy can listen first and fitgate
   * be configured with the proxy's URL, then started.
   */
  target: string | (() => string);
}

export async function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy> {
  const targetOf = typeof options.target === 'string' ? () => options.target as string : options.target;
  const server: Server = createServer({ key: options.certificate.keyPem, cert: options.certificate.certPem }, (req, res) => {
    const target = new URL(targetOf());
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: forwardedHeaders(req.headers, req.socket.remoteAddress),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject).listen(0, '127.0.0.1'));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function forwardedHeaders(headers: IncomingHttpHeaders, remoteAddress: string | undefined): IncomingHttpHeaders {
  const forwardedFor = [headers['x-forwarded-for'], remoteAddress].filter(Boolean).join(', ');
  return { ...headers, 'x-forwarded-proto': 'https', 'x-forwarded-for': forwardedFor };
}
