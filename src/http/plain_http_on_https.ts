import type { Socket } from 'node:net';
import type { Server as TlsServer } from 'node:tls';

/** The first byte of a TLS handshake record, which opens every TLS connection (its ClientHello). */
const TLS_HANDSHAKE = 0x16;

/**
 * How long a connection may send nothing at all: node:tls's own bound on a handshake
 * (handshakeTimeout), which starts only once the connection is handed to it.
 */
const FIRST_BYTE_BOUND_MS = 120_000;

/** How long a plain HTTP client gets to read the answer and close its end. */
const ANSWER_BOUND_MS = 5_000;

/** Only this much of the request is read for its Host header (the first bytes to arrive). */
const HEAD_BYTES = 8_192;

/** A host name or IPv4 address, or an IPv6 address in brackets, and an optional port. */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_HEADER = new RegExp(`^((?:${LABEL})(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?$`);

/**
 * Makes an https server answer a plain HTTP request with a 400 naming the https URL to use, where
 * TLS alone gives none: the handshake fails and the connection is dropped without a word, which
 * leaves a developer who typed http:// guessing.
 *
 * Each connection's first byte is looked at once, before TLS sees it. 0x16 opens a TLS handshake:
 * the connection goes to TLS with its bytes as they arrived, and nothing else about it changes
 * (keep-alive requests over it included). An upper-case letter opens an HTTP request line ("GET /
 * HTTP/1.1"): it gets the 400. Anything else goes to TLS too, which refuses it as before.
 */
export function answerPlainHttp(server: TlsServer): void {
  // tls.Server wraps a connection in a TLSSocket from its own 'connection' listener: it now runs
  // after the look, on a socket whose first bytes are back in its buffer (TLSSocket reads them first).
  const toTls = server.listeners('connection') as ((this: TlsServer, socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    // A reset before the first byte concerns nobody; TLS has its own handlers once it has the socket.
    const ignore = () => {};
    const silent = () => socket.destroy();
    socket.on('error', ignore);
    socket.setTimeout(FIRST_BYTE_BOUND_MS, silent);
    socket.once('readable', () => {
      const head = socket.read() as Buffer | null;
      socket.setTimeout(0, silent);
      if (head === null) return void socket.destroy();
      if (head[0] === TLS_HANDSHAKE || !startsRequestLine(head)) {
        socket.off('error', ignore);
        socket.unshift(head);
        for (const listener of toTls) listener.call(server, socket);
        return;
      }
      answer(socket, head);
    });
  });
}

function startsRequestLine(head: Buffer): boolean {
  const first = head[0] ?? 0;
  return first >= 0x41 && first <= 0x5a;
}

/** A 400 that names the https URL, then the end of the connection (what else the client sends is read and dropped). */
function answer(socket: Socket, head: Buffer): void {
  const url = httpsUrlOf(head);
  const body = `This port serves https: use ${url ?? 'https:// instead of http://'}\n`;
  const noBody = head.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.setTimeout(ANSWER_BOUND_MS, () => socket.destroy());
  socket.resume();
  socket.end(
    'HTTP/1.1 400 Bad Request\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n' +
      '\r\n' +
      (noBody ? '' : body),
  );
}

/**
 * https://HOST:PORT/ from the request's one Host header, when it is a host name or address with an
 * optional port and nothing else (nothing the client sent is echoed otherwise). Without a port the
 * client reached http's default, 80, and that is where https answers.
 */
function httpsUrlOf(head: Buffer): string | undefined {
  const text = head.subarray(0, HEAD_BYTES).toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  // Whole lines only: the last one may be cut where the first bytes end.
  const lines = text.slice(0, end === -1 ? Math.max(text.lastIndexOf('\r\n'), 0) : end).split('\r\n').slice(1);
  const hosts = lines.filter((line) => /^host:/i.test(line)).map((line) => line.slice('host:'.length).trim());
  const match = hosts.length === 1 ? HOST_HEADER.exec(hosts[0]!) : null;
  if (!match || match[1]!.length > 253) return undefined;
  const port = Number(match[2] ?? 80);
  return port >= 1 && port <= 65_535 ? `https://${match[1]}:${port}/` : undefined;
}
