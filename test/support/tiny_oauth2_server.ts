import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token request as the server received it, for tests to look at (e.g. whether a code_verifier came). */
export type TokenRequest = URLSearchParams;

/**
 * A tiny OAuth 2.0 authorization server on loopback, standing in for an upstream such as Strava
 * that may or may not do PKCE: /authorize approves (or, with `deny`, refuses) at once and redirects
 * back; /token exchanges a code once, checking the redirect_uri and, only when the authorize
 * request carried a code_challenge (S256), the code_verifier; /me answers the bearer's profile.
 * Real HTTP, no mocks.
 */
export interface TinyOAuth2Server {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every authorize request, in order. */
  readonly authorizeRequests: URL[];
  /** Every token request's form, in order. */
  readonly tokenRequests: TokenRequest[];
  /** The next authorize requests are refused with error=access_denied (until set back to false). */
  deny(refuse: boolean): void;
  close(): Promise<void>;
}

interface IssuedCode {
  readonly redirectUri: string;
  readonly scope: string;
  readonly codeChallenge: string | undefined;
}

const USER = { id: 'athlete-7', firstname: 'Ada', lastname: 'Lovelace' };

export async function startTinyOAuth2Server(): Promise<TinyOAuth2Server> {
  const clientId = 'tiny-client';
  const clientSecret = 'tiny-secret';
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Set<string>();
  const authorizeRequests: URL[] = [];
  const tokenRequests: TokenRequest[] = [];
  let denying = false;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  function authorize(url: URL, res: ServerResponse): void {
    authorizeRequests.push(url);
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== clientId || !redirectUri) return json(res, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (denying) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(12).toString('base64url');
      codes.set(code, { redirectUri, scope: url.searchParams.get('scope') ?? '', codeChallenge: url.searchParams.get('code_challenge') ?? undefined });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href }).end();
  }

  function token(form: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
    tokenRequests.push(form);
    const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString() : undefined;
    const [id, secret] = basic ? basic.split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
    if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code);
    if (form.get('grant_type') !== 'authorization_code' || !issued || issued.redirectUri !== form.get('redirect_uri')) {
      return json(res, 400, { error: 'invalid_grant' });
    }
    if (issued.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) return json(res, 400, { error: 'invalid_grant', error_description: 'code_verifier' });
    }
    const accessToken = randomBytes(16).toString('base64url');
    accessTokens.add(accessToken);
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, refresh_token: randomBytes(16).toString('base64url'), scope: issued.scope });
  }

  function me(req: IncomingMessage, res: ServerResponse): void {
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    if (!bearer || !accessTokens.has(bearer)) return json(res, 401, { error: 'invalid_token' });
    json(res, 200, USER);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'GET' && url.pathname === '/me') return me(req, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => token(new URLSearchParams(body), req, res));
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clientId,
    clientSecret,
    authorizeRequests,
    tokenRequests,
    deny: (refuse) => {
      denying = refuse;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
