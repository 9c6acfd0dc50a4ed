import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';

/** A token request for no known client: any fitgate that reads it to the end answers a 4xx in OAuth JSON. */
const BODY = 'grant_type=client_credentials&client_id=nobody';
const FIRST_PART_BYTES = 10;

export interface TokenPostAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** A POST /oauth/token whose body is still arriving: its first bytes are sent, the rest waits for finish(). */
export interface TokenPostInParts {
  /** Resolves once the server has read the request head (it answers Expect: 100-continue) and the first bytes went out. */
  readonly firstPartSent: Promise<void>;
  /** Sends the rest of the body; resolves with the answer once it has been read to its end. */
  finish(): Promise<TokenPostAnswer>;
}

/**
 * Starts a token request that holds the server mid-body, for a test of what a stop does to a
 * request in flight. `send` is http.request or https.request with the connection's options bound
 * (host, port, ca); it gets the method, path and headers to add.
 */
export function startTokenPostInParts(send: (request: RequestOptions) => ClientRequest): TokenPostInParts {
  const req = send({
    method: 'POST',
    path: '/oauth/token',
    headers: {
      Host: 'localhost:3000',
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(BODY.length),
      Expect: '100-continue',
      Accept: 'application/json',
    },
  });
  const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const answer = new Promise<TokenPostAnswer>((resolve, reject) => {
    req.once('response', (response: IncomingMessage) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.on('error', reject);
    });
    req.once('error', reject);
  });
  req.flushHeaders();
  return {
    firstPartSent: continued.then(() => {
      req.write(BODY.slice(0, FIRST_PART_BYTES));
    }),
    finish() {
      req.end(BODY.slice(FIRST_PART_BYTES));
      return answer;
    },
  };
}
