import type { Server, ServerResponse } from 'node:http';

/**
 * Stops a server the way an orchestrator expects on SIGTERM: no new connections, every request
 * already received runs to completion (a POST whose body is still arriving included), idle
 * keep-alive connections close at once and busy ones right after their response, and whatever is
 * still open after `timeoutMs` is cut so shutdown is bounded. Call trackRequests() when the server
 * is created, so the requests in flight are known when the signal arrives.
 */
export interface GracefulServer {
  /** Resolves once every connection is closed. */
  close(timeoutMs: number): Promise<void>;
}

export function trackRequests(server: Server): GracefulServer {
  const inFlight = new Set<ServerResponse>();
  let closing = false;

  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) endKeepAlive(res);
  });

  function endKeepAlive(res: ServerResponse): void {
    // Before the headers: tell the client the connection ends with this response. After them:
    // close the connection as soon as it falls idle.
    if (!res.headersSent) res.setHeader('Connection', 'close');
    res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  }

  return {
    close(timeoutMs) {
      closing = true;
      return new Promise((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
        deadline.unref();
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        for (const res of inFlight) endKeepAlive(res);
        server.closeIdleConnections();
      });
    },
  };
}
