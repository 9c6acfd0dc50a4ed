import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain HTTP server on loopback answering with `handle`, for tests of fitgate's own HTTP calls. */
export interface LoopbackHttpServer {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  /** Every request's method and path with its query, in order. */
  readonly requests: Array<{ readonly method: string; readonly path: string }>;
  close(): Promise<void>;
}

export async function startLoopbackHttpServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<LoopbackHttpServer> {
  const requests: Array<{ method: string; path: string }> = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '' });
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An http URL on loopback where nothing listens (a server's port, just closed): a call there is refused. */
export async function refusedUrl(): Promise<string> {
  const server = await startLoopbackHttpServer(() => undefined);
  await server.close();
  return server.url;
}
