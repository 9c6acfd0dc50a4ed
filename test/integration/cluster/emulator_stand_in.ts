import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface AnsweredRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface EmulatorStandIn {
  /** Loopback base URL, as the primary hands it to workers. */
  readonly url: string;
  /** Requests answered, in order. */
  readonly answered: AnsweredRequest[];
  /** Requests that arrived on a connection that had already carried one, dropped unanswered. */
  dropped(): number;
  /** Connections accepted. */
  connections(): number;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** On the first reuse, stop listening too before dropping: the emulator is down from then on. */
  readonly stopOnReuse?: boolean;
  /**
   * Answer the first request of a connection, then hold the next one on it unanswered (instead of
   * dropping it): a primary whose event loop got stuck between two requests of a kept-alive socket.
   */
  readonly silentOnReuse?: boolean;
}

/**
 * A stand-in for the primary's sandbox emulator that keeps connections alive but closes each one,
 * unanswered, the moment a second request arrives on it. That is what a worker sees when the
 * emulator's keep-alive timeout closes a socket just as the worker's agent reuses it, made certain
 * instead of left to timing. Each answer echoes the request (method, path, body) as JSON.
 */
export async function startEmulatorStandIn(options: StandInOptions = {}): Promise<EmulatorStandIn> {
  const answered: AnsweredRequest[] = [];
  const served = new WeakSet<Socket>();
  let dropped = 0;
  let connections = 0;
  const server: Server = createServer((req, res) => {
    if (served.has(req.socket)) {
      if (options.silentOnReuse) return;
      dropped += 1;
      if (options.stopOnReuse) server.close();
      req.socket.destroy();
      return;
    }
    served.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') };
      answered.push(request);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    dropped: () => dropped,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
