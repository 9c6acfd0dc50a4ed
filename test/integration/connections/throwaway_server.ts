import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from '@jest/globals';

export interface ThrowawayServer {
  /** Starts a plain node:http server on a free loopback port, answering with `listener`; resolves with its base URL. */
  serve(listener: RequestListener): Promise<string>;
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
  return {
    async serve(listener) {
      const started = createServer(listener);
      server = started;
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
    },
    close,
  };
}
