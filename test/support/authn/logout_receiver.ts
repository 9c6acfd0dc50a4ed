import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got: its path, content type and form fields. */
export interface ReceivedLogout {
  path: string;
  contentType: string | undefined;
  form: URLSearchParams;
}

/**
 * A relying party's back-channel logout endpoint on loopback: records every request, and answers
 * as `answer` says for its path (200 by default; 'hang' holds the request until release()).
 */
export interface LogoutReceiver {
  /** "http://127.0.0.1:PORT" */
  url: string;
  received: ReceivedLogout[];
  /** Resolves with the next request to arrive (or the first one already waiting unclaimed). */
  next(): Promise<ReceivedLogout>;
  /** Answers every held request (200). */
  release(): void;
  close(): Promise<void>;
}

export async function startLogoutReceiver(answer: (path: string) => number | 'hang' = () => 200): Promise<LogoutReceiver> {
  const received: ReceivedLogout[] = [];
  const held: ServerResponse[] = [];
  const waiting: ((request: ReceivedLogout) => void)[] = [];
  let claimed = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const request = { path, contentType: req.headers['content-type'], form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
      received.push(request);
      const waiter = waiting.shift();
      if (waiter) {
        claimed += 1;
        waiter(request);
      }
      const status = answer(path);
      if (status === 'hang') held.push(res);
      else res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = () => {
    for (const res of held.splice(0)) res.writeHead(200).end();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    next() {
      if (claimed < received.length) return Promise.resolve(received[claimed++]!);
      return new Promise((resolve) => waiting.push(resolve));
    },
    release,
    close() {
      release();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
