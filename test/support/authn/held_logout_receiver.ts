import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** One logout POST the receiver got: its path and its logout_token. */
export interface HeldLogout {
  path: string;
  logoutToken: string;
}

/**
 * A slow relying party's back-channel logout endpoint on loopback: it holds every request unanswered
 * until the test releases it, and counts what is open at once, requests and connections, as a
 * receiver under a flood would see them.
 */
export interface HeldLogoutReceiver {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  /** Every request received so far. */
  readonly received: readonly HeldLogout[];
  /** Requests held unanswered now. */
  readonly open: number;
  /** The most requests held unanswered at once. */
  readonly mostOpen: number;
  /** The most connections open at once. */
  readonly mostConnections: number;
  /** Resolves once `count` requests are held unanswered (at once if they are already). */
  whenOpen(count: number): Promise<void>;
  /** Answers every held request (200); returns how many. */
  release(): number;
  close(): Promise<void>;
}

export async function startHeldLogoutReceiver(): Promise<HeldLogoutReceiver> {
  const received: HeldLogout[] = [];
  const held: ServerResponse[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let mostOpen = 0;
  let connections = 0;
  let mostConnections = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      received.push({ path: req.url ?? '/', logoutToken: form.get('logout_token') ?? '' });
      held.push(res);
      mostOpen = Math.max(mostOpen, held.length);
      for (const waiter of waiters.filter((waiting) => held.length >= waiting.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    mostConnections = Math.max(mostConnections, connections);
    socket.once('close', () => {
      connections -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const release = (): number => {
    const answered = held.splice(0);
    for (const res of answered) res.writeHead(200).end();
    return answered.length;
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    get open() {
      return held.length;
    },
    get mostOpen() {
      return mostOpen;
    },
    get mostConnections() {
      return mostConnections;
    },
    whenOpen(count) {
      if (held.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    release,
    close() {
      release();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
