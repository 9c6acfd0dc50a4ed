import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from '@jest/globals';

/** A request the server received: its method, and its place among the requests of its connection (1 for a fresh one). */
export interface Received {
  readonly method: string;
  readonly onConnection: number;
}

export interface ThrowawayServer {
  /** Starts a plain node:http server on a free loopback port, answering with `listener`; resolves with its base URL. */
  serve(listener: RequestListener): Promise<string>;
  /**
   * serve, recording every request as it comes (`received`) and telling the handler its place on
   * its connection, so a test can answer a kept-alive connection's second request otherwise.
   */
  serveCounting(handler: (request: IncomingMessage, response: ServerResponse, onConnection: number) => void): Promise<{ url: string; received: Received[] }>;
  /** Closes the server now (its kept-alive connections too), for a test that needs a closed port. */
  close(): Promise<void>;
}

/**
 * One stand-in upstream at a time for the tests of a file, closed with its connections after each
 * test, so a kept-alive socket of one test never answers the next.
 */
export function useThrowawayServer(): ThrowawayServer {
  let server: Server | undefined;
  const close = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  afterEach(close);
  const serve = async (listener: RequestListener): Promise<string> => {
    const started = createServer(listener);
    server = started;
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  };
  return {
    serve,
    async serveCounting(handler) {
      const requestsPerSocket = new WeakMap<Socket, number>();
      const received: Received[] = [];
      const url = await serve((request, response) => {
        const onConnection = (requestsPerSocket.get(request.socket) ?? 0) + 1;
        requestsPerSocket.set(request.socket, onConnection);
        received.push({ method: request.method ?? '', onConnection });
        handler(request, response, onConnection);
      });
      return { url, received };
    },
    close,
  };
}

/** Reads the request's body whole, then calls `done` with its length. */
export function readBody(request: IncomingMessage, done: (bytes: number) => void): void {
  let bytes = 0;
  request.on('data', (chunk: Buffer) => (bytes += chunk.length));
  request.on('end', () => done(bytes));
}
