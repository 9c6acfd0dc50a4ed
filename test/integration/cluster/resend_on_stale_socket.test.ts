import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { sendResendingOnStaleSocket } from '../../../src/cluster/resend_on_stale_socket.js';
import { readBody, useThrowawayServer, type Received } from '../connections/throwaway_server.js';

const throwaway = useThrowawayServer();

/** The counting server, by port: the proxy's sender takes a host and a port. */
async function serveOnPort(...args: Parameters<typeof throwaway.serveCounting>): Promise<{ port: number; received: Received[] }> {
  const { url, received } = await throwaway.serveCounting(...args);
  return { port: Number(new URL(url).port), received };
}
let agent = new Agent({ keepAlive: true });
afterEach(() => {
  agent.destroy();
  agent = new Agent({ keepAlive: true });
});

/** Sends through the proxy's sender over the shared kept-alive agent; resolves with the answer's body. */
async function sent(port: number, method: string, body?: Buffer): Promise<string> {
  const headers = body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } : {};
  const answer = await sendResendingOnStaleSocket({ host: '127.0.0.1', port, method, path: '/consent', headers, agent }, 10_000, body);
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The workers' proxy to the sandbox emulator sends a request that died on a kept-alive connection
 * before any answer again by the host's upstream rule (connections/stale_socket_resend.ts): a GET
 * always, another method only when it never wholly left, since an emulator that read a consent form
 * and lost the connection before answering has already acted on it.
 */
describe('the sandbox proxy on a kept-alive connection that breaks', () => {
  it('sends a GET once more on a new connection when a kept-alive one was reset before any answer', async () => {
    const { port, received } = await serveOnPort((request, response, socketRequests) => {
      if (socketRequests > 1) return void request.socket.destroy(); // what a server closing an idle connection looks like to the client
      response.end('fresh');
    });
    await expect(sent(port, 'GET')).resolves.toBe('fresh');
    await expect(sent(port, 'GET')).resolves.toBe('fresh');
    expect(received).toEqual([
      { method: 'GET', onConnection: 1 },
      { method: 'GET', onConnection: 2 },
      { method: 'GET', onConnection: 1 },
    ]);
  });

  it('sends it once more on a connection of its own, not on another pooled one the emulator may have closed too', async () => {
    const { port, received } = await serveOnPort((request, response, socketRequests) => {
      if (socketRequests > 1) return void request.socket.destroy();
      response.end('fresh');
    });
    // Two requests at once leave two kept-alive connections in the pool, both of which the emulator then drops.
    await Promise.all([sent(port, 'GET'), sent(port, 'GET')]);
    await expect(sent(port, 'GET')).resolves.toBe('fresh');
    expect(received.slice(2)).toEqual([
      { method: 'GET', onConnection: 2 },
      { method: 'GET', onConnection: 1 },
    ]);
  });

  it('does not send again when the reused connection fails otherwise than dying: an answer the worker cannot read is an answer', async () => {
    const { port, received } = await serveOnPort((request, response, socketRequests) => {
      if (socketRequests > 1) return void request.socket.end('garbage\r\n\r\n');
      response.end('fresh');
    });
    await sent(port, 'GET');
    await expect(sent(port, 'GET')).rejects.toMatchObject({ code: 'HPE_INVALID_CONSTANT' });
    expect(received).toHaveLength(2);
  });

  it('does not send a POST again once the emulator could have read it whole: it fails, and the emulator saw it once', async () => {
    const { port, received } = await serveOnPort((request, response, socketRequests) => {
      // The emulator reads the form (and would act on it), then loses the connection before answering.
      readBody(request, () => (socketRequests > 1 ? request.socket.destroy() : response.end('warm')));
    });
    await sent(port, 'GET');
    await expect(sent(port, 'POST', Buffer.from('decision=approve&user=alice'))).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(received.filter(({ method }) => method === 'POST')).toEqual([{ method: 'POST', onConnection: 2 }]);
  });

  it('sends a POST once more when the connection broke before the request had wholly left', async () => {
    // Larger than any socket buffer on loopback: the sender cannot have handed it all to the kernel when the server resets.
    const body = Buffer.from(`decision=${'a'.repeat(16 * 1024 * 1024)}`);
    const { port, received } = await serveOnPort((request, response, socketRequests) => {
      if (request.method === 'POST' && socketRequests > 1) return void request.socket.destroy(); // on the headers, the body unread
      readBody(request, (bytes) => response.end(String(bytes)));
    });
    await sent(port, 'GET');
    await expect(sent(port, 'POST', body)).resolves.toBe(String(body.length));
    expect(received.filter(({ method }) => method === 'POST')).toEqual([
      { method: 'POST', onConnection: 2 },
      { method: 'POST', onConnection: 1 },
    ]);
  });
});
