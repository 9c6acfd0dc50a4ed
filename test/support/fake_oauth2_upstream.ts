import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackHttpServer } from './loopback_http_server.js';

/** The fake's endpoints, by what each does. */
export type FakeEndpoint = 'authorize' | 'token' | 'profile' | 'revoke';

/** An answer sent as it is: a status, its headers, and a body (an object goes as JSON). */
export interface CannedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | object;
}

/** A refusal the fake decided on, for `errorAnswer` to word as the upstream does. */
export interface FakeRefusal {
  readonly endpoint: Exclude<FakeEndpoint, 'authorize'>;
  /** The RFC 6749 §5.2 / RFC 6750 §3.1 code: invalid_client, invalid_grant, invalid_request, unsupported_grant_type, invalid_token. */
  readonly error: string;
  /** What was wrong, in the fake's words. */
  readonly description: string;
  readonly status: number;
}

export interface FakeOAuth2UpstreamOptions {
  /** The real host the plugin calls ("www.strava.com"): the fake serves its paths under /HOST. Default "auth.acme.example". */
  readonly host?: string;
  /** Each endpoint's real path on that host. Defaults: /authorize, /token, /me (profile), /revoke. */
  readonly paths?: Partial<Readonly<Record<FakeEndpoint, string>>>;
  /**
   * The client's registered redirect URIs: an authorize request naming another is answered with a
   * 400 page, never redirected, as upstreams do. Absent: any. Either way the code exchange must send
   * the authorize request's own.
   */
  readonly redirectUris?: readonly string[];
  /**
   * `optional` (default): the verifier is checked when the authorize request carried an S256
   * challenge; `required`: an authorize request without one is refused too; `unsupported`:
   * challenge and verifier are ignored, as by an upstream that documents no PKCE.
   */
  readonly pkce?: 'optional' | 'required' | 'unsupported';
  /** How scopes are joined, in the authorize request and in the grant reported: " " (RFC 6749 §3.3, default), "," (Strava). */
  readonly scopeSeparator?: string;
  /** Where the grant is reported: the token answer's `scope` (default, RFC 6749 §5.1), or the callback URL's `scope` (Strava). */
  readonly grantReportedOn?: 'token' | 'callback';
  /** What the user grants of the scopes asked for: all of them unless given (Strava lets the user untick some). */
  readonly grant?: (asked: readonly string[]) => readonly string[];
  /** Each token answer's expires_in, in seconds: 3600 unless given. */
  readonly accessTokenLifetimeSeconds?: number;
  /**
   * A refresh's refresh token: `rotate` (default) issues a new one and refuses the old one from then
   * on; `same` repeats it; `omitted` sends none, the old one staying good (Google).
   */
  readonly refreshTokens?: 'rotate' | 'same' | 'omitted';
  /** Fields every token answer carries beyond RFC 6749's (Strava's `expires_at` and `athlete`). */
  readonly tokenAnswerFields?: (issued: { readonly accessToken: string; readonly expiresIn: number }) => Record<string, unknown>;
  /** How the upstream words a refusal: RFC 6749 §5.2's `{"error", "error_description"}` with the refusal's status unless given. */
  readonly errorAnswer?: (refusal: FakeRefusal) => CannedAnswer;
  /**
   * Answers as an upstream that wraps each answer of its token, profile and revocation endpoints in
   * an envelope of its own and sends every one with HTTP 200, a refusal too (Withings): a success as
   * `{ status: 0, body: <the answer> }`, a refusal as `{ status: <the HTTP status it would have had,
   * as the upstream's own code>, error: "<code>: <description>" }` unless errorAnswer words it. A
   * queued answer still goes as given.
   */
  readonly envelope?: boolean;
  readonly revocation?: {
    /** The form parameter carrying the token: RFC 7009's `token` unless given (Strava's deauthorize takes `access_token`). */
    readonly tokenParameter?: string;
    /**
     * `either` (default, RFC 7009): an access or refresh token ends its grant, and an unknown token is
     * answered 200 (§2.2); `access`: only a live access token does, anything else is refused with
     * invalid_token (Strava).
     */
    readonly accepts?: 'either' | 'access';
    /** Whether the client authenticates (RFC 7009 §2.1): yes unless false (Google's and Strava's take the token alone). */
    readonly clientAuthentication?: boolean;
  };
  /** What the profile endpoint answers a live access token: Ada Lovelace's `{ id, firstname, lastname }` unless given. */
  readonly profile?: Readonly<Record<string, unknown>>;
}

/**
 * A configurable OAuth 2.0 upstream on loopback, over real HTTP, serving the real paths under the
 * real host's name (`/HOST/PATH`), as the host's HTTP port sends them under an upstreamBaseUrl
 * (`rewriteUpstreamUrl` in src/connections/upstream_fetch.ts). Hand `baseUrl` as
 * FITGATE_UPSTREAM_BASE_URL (or a plugin's upstreamBaseUrl) to a plugin on its real `https://`
 * endpoints; or hand a plugin built on a base URL of its own `url`, where the host's paths answer.
 *
 * The authorize endpoint approves at once and redirects back with a code (or, after `deny(true)`,
 * with error=access_denied); the token endpoint takes the client in HTTP Basic or the form, a code
 * once, with the authorize request's redirect_uri and PKCE verifier, and a refresh token of a live
 * grant; the profile endpoint answers a live, unexpired bearer; revocation ends the whole grant.
 */
export interface FakeOAuth2Upstream {
  /** "http://127.0.0.1:PORT": FITGATE_UPSTREAM_BASE_URL, or a plugin's upstreamBaseUrl. */
  readonly baseUrl: string;
  /** "https://HOST": the real origin a plugin under test keeps in its endpoints. */
  readonly origin: string;
  /** `${baseUrl}/HOST`: the origin rewritten, where the host's paths answer on loopback. */
  readonly url: string;
  /** Each endpoint's real https URL (under `origin`). */
  readonly endpoints: Readonly<Record<FakeEndpoint, string>>;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every authorize request, in order. */
  readonly authorizeRequests: URL[];
  /** Every token request's form (code exchanges and refreshes), in order. */
  readonly tokenRequests: URLSearchParams[];
  /** Every revocation request's form, in order. */
  readonly revokeRequests: URLSearchParams[];
  /** The next authorize requests are refused with error=access_denied (until set back to false). */
  deny(refuse: boolean): void;
  /** The next request to `endpoint` gets `answer` instead, and changes nothing (a 429 with its headers, a 5xx, an HTML page); queued in order. */
  queueAnswer(endpoint: FakeEndpoint, answer: CannedAnswer): void;
  /** Every access token issued so far expires now: refused by the profile endpoint, and by revocation when it `accepts: 'access'`. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

/** Who the profile endpoint says the bearer is, unless a test gives another. */
export const FAKE_PROFILE = { id: 'athlete-7', firstname: 'Ada', lastname: 'Lovelace' };

const DEFAULT_PATHS: Readonly<Record<FakeEndpoint, string>> = { authorize: '/authorize', token: '/token', profile: '/me', revoke: '/revoke' };

interface IssuedCode {
  readonly redirectUri: string;
  readonly granted: readonly string[];
  readonly codeChallenge: string | undefined;
}

/** One user's consent: every token issued on it dies with it. */
interface Grant {
  readonly granted: readonly string[];
  live: boolean;
}

const token = () => randomBytes(16).toString('base64url');

/** A refusal as an upstream that wraps its answers words it: HTTP 200, its own status and message inside. */
function envelopedRefusal(refusal: FakeRefusal): CannedAnswer {
  return { status: 200, body: { status: refusal.status, error: `${refusal.error}: ${refusal.description}` } };
}

export async function startFakeOAuth2Upstream(options: FakeOAuth2UpstreamOptions = {}): Promise<FakeOAuth2Upstream> {
  const host = options.host ?? 'auth.acme.example';
  const paths = { ...DEFAULT_PATHS, ...options.paths };
  const separator = options.scopeSeparator ?? ' ';
  const pkce = options.pkce ?? 'optional';
  const revocation = { tokenParameter: 'token', accepts: 'either', clientAuthentication: true, ...options.revocation };
  const clientId = 'fake-client';
  const clientSecret = 'fake-secret';
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  const queued: Array<{ endpoint: FakeEndpoint; answer: CannedAnswer }> = [];
  const authorizeRequests: URL[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const revokeRequests: URLSearchParams[] = [];
  let denying = false;

  const send = (res: ServerResponse, { status, headers = {}, body }: CannedAnswer) => {
    const json = typeof body === 'object';
    res.writeHead(status, { ...(json && { 'content-type': 'application/json' }), ...headers }).end(json ? JSON.stringify(body) : (body ?? ''));
  };
  /** A success of the token, profile or revocation endpoint: `body` as it is, or in the envelope. */
  const answer = (res: ServerResponse, body: object | undefined) =>
    send(res, options.envelope ? { status: 200, body: { status: 0, body: body ?? {} } } : { status: 200, ...(body && { body }) });
  const refuse = (res: ServerResponse, refusal: FakeRefusal) =>
    send(res, options.errorAnswer?.(refusal) ?? (options.envelope ? envelopedRefusal(refusal) : { status: refusal.status, body: { error: refusal.error, error_description: refusal.description } }));
  const page = (res: ServerResponse, text: string) => send(res, { status: 400, headers: { 'content-type': 'text/html' }, body: `<!doctype html><p>${text}</p>` });

  /** The client as the request names it: HTTP Basic (RFC 6749 §2.3.1, each part encoded) or the form. */
  const clientOf = (req: IncomingMessage, form: URLSearchParams) => {
    const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString() : undefined;
    const [id, secret] = basic ? basic.split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
    return id === clientId && secret === clientSecret;
  };

  const liveAccess = (accessToken: string) => {
    const issued = accessTokens.get(accessToken);
    return issued?.grant.live && issued.expiresAt > Date.now() ? issued : undefined;
  };

  function issue(res: ServerResponse, grant: Grant, refreshToken: string | undefined): void {
    const accessToken = token();
    const expiresIn = options.accessTokenLifetimeSeconds ?? 3600;
    accessTokens.set(accessToken, { grant, expiresAt: Date.now() + expiresIn * 1000 });
    if (refreshToken) refreshTokens.set(refreshToken, grant);
    answer(res, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      ...(refreshToken && { refresh_token: refreshToken }),
      ...(options.grantReportedOn !== 'callback' && { scope: grant.granted.join(separator) }),
      ...options.tokenAnswerFields?.({ accessToken, expiresIn }),
    });
  }

  function authorize(url: URL, res: ServerResponse): void {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== clientId) return page(res, 'Unknown client.');
    if (!redirectUri || (options.redirectUris && !options.redirectUris.includes(redirectUri))) return page(res, 'The redirect_uri is not registered for this client.');
    const back = new URL(redirectUri);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = pkce === 'unsupported' ? undefined : (url.searchParams.get('code_challenge') ?? undefined);
    const refusal =
      url.searchParams.get('response_type') !== 'code' ? 'unsupported_response_type'
      : (pkce === 'required' && challenge === undefined) || (challenge !== undefined && url.searchParams.get('code_challenge_method') !== 'S256') ? 'invalid_request'
      : denying ? 'access_denied'
      : undefined;
    if (refusal) {
      back.searchParams.set('error', refusal);
    } else {
      const asked = (url.searchParams.get('scope') ?? '').split(separator).filter(Boolean);
      const granted = options.grant?.(asked) ?? asked;
      const code = token();
      codes.set(code, { redirectUri, granted, codeChallenge: challenge });
      back.searchParams.set('code', code);
      if (options.grantReportedOn === 'callback') back.searchParams.set('scope', granted.join(separator));
    }
    res.writeHead(302, { location: back.href }).end();
  }

  function tokenGrant(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
    const refusal = (error: string, description: string, status = 400) => refuse(res, { endpoint: 'token', error, description, status });
    if (!clientOf(req, form)) return refusal('invalid_client', 'Unknown client or wrong secret.', 401);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = codes.get(code);
      // Spent by any attempt, as RFC 6749 §4.1.2 asks: a code is good once.
      codes.delete(code);
      if (!issued) return refusal('invalid_grant', 'The code is unknown or was used already.');
      if (issued.redirectUri !== form.get('redirect_uri')) return refusal('invalid_grant', 'The redirect_uri differs from the authorize request’s.');
      if (issued.codeChallenge !== undefined && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') !== issued.codeChallenge) {
        return refusal('invalid_grant', 'The code_verifier does not match the code challenge.');
      }
      return issue(res, { granted: issued.granted, live: true }, token());
    }
    if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(refreshToken);
      if (!grant?.live) return refusal('invalid_grant', 'The refresh token is unknown, rotated or revoked.');
      const rotation = options.refreshTokens ?? 'rotate';
      if (rotation === 'rotate') refreshTokens.delete(refreshToken);
      return issue(res, grant, rotation === 'rotate' ? token() : rotation === 'same' ? refreshToken : undefined);
    }
    refusal('unsupported_grant_type', `The grant_type ${JSON.stringify(grantType)} is not supported.`);
  }

  function profile(req: IncomingMessage, res: ServerResponse): void {
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!liveAccess(bearer)) {
      return refuse(res, { endpoint: 'profile', error: 'invalid_token', description: 'The access token is unknown, expired or revoked.', status: 401 });
    }
    answer(res, options.profile ?? FAKE_PROFILE);
  }

  function revoke(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
    if (revocation.clientAuthentication && !clientOf(req, form)) return refuse(res, { endpoint: 'revoke', error: 'invalid_client', description: 'Unknown client or wrong secret.', status: 401 });
    const given = form.get(revocation.tokenParameter) ?? '';
    const grant = liveAccess(given)?.grant ?? (revocation.accepts === 'either' ? refreshTokens.get(given) : undefined);
    if (grant) grant.live = false;
    else if (revocation.accepts === 'access') return refuse(res, { endpoint: 'revoke', error: 'invalid_token', description: 'The access token is unknown, expired or revoked.', status: 401 });
    answer(res, undefined);
  }

  const endpointAt = (pathname: string): FakeEndpoint | undefined => (Object.keys(paths) as FakeEndpoint[]).find((endpoint) => `/${host}${paths[endpoint]}` === pathname);

  const server = await startLoopbackHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = endpointAt(url.pathname);
    const expected = endpoint === 'authorize' || endpoint === 'profile' ? 'GET' : 'POST';
    if (!endpoint || req.method !== expected) return send(res, { status: 404, body: { error: 'not_found', path: url.pathname } });
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (endpoint === 'authorize') authorizeRequests.push(url);
      if (endpoint === 'token') tokenRequests.push(form);
      if (endpoint === 'revoke') revokeRequests.push(form);
      const canned = queued.findIndex((each) => each.endpoint === endpoint);
      if (canned >= 0) return send(res, queued.splice(canned, 1)[0]!.answer);
      if (endpoint === 'authorize') return authorize(url, res);
      if (endpoint === 'token') return tokenGrant(req, form, res);
      if (endpoint === 'profile') return profile(req, res);
      revoke(req, form, res);
    });
  });

  const origin = `https://${host}`;
  return {
    baseUrl: server.url,
    origin,
    url: `${server.url}/${host}`,
    endpoints: { authorize: `${origin}${paths.authorize}`, token: `${origin}${paths.token}`, profile: `${origin}${paths.profile}`, revoke: `${origin}${paths.revoke}` },
    clientId,
    clientSecret,
    authorizeRequests,
    tokenRequests,
    revokeRequests,
    deny: (refuse) => {
      denying = refuse;
    },
    queueAnswer: (endpoint, answer) => {
      queued.push({ endpoint, answer });
    },
    expireAccessTokens: () => {
      for (const issued of accessTokens.values()) issued.expiresAt = 0;
    },
    close: () => server.close(),
  };
}
