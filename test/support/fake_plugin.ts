import type { Request } from 'express';
import OAuth2Strategy from 'passport-oauth2';
import { callUpstreamJson, type AnswerReader, type RefusedAnswer } from '../../src/connections/oauth2/call_upstream.js';
import type { EndpointClient } from '../../src/connections/oauth2/client_authentication.js';
import { UpstreamBadResponseError } from '../../src/connections/oauth2/errors/bad_response_error.js';
import { UpstreamOAuthError } from '../../src/connections/oauth2/errors/oauth_error.js';
import { readOAuthErrorBody } from '../../src/connections/oauth2/errors/oauth_error_body.js';
import { UpstreamRateLimitedError } from '../../src/connections/oauth2/errors/rate_limited_error.js';
import { retryAfterSeconds } from '../../src/connections/oauth2/errors/retry_after.js';
import { UpstreamServerError } from '../../src/connections/oauth2/errors/server_error.js';
import type { UpstreamError } from '../../src/connections/oauth2/errors/upstream_error.js';
import { parseJsonObject } from '../../src/connections/oauth2/json.js';
import { OAuth2LoginStrategy } from '../../src/connections/oauth2/passport/oauth2_strategy.js';
import { checkStateStore } from '../../src/connections/oauth2/passport/state_store.js';
import { revokeToken } from '../../src/connections/oauth2/revocation.js';
import { requestToken } from '../../src/connections/oauth2/token_request.js';
import type {
  ConnectionPlugin,
  PermissionArea,
  PluginClientOptions,
  PluginFailure,
  PluginPermission,
  PluginProfile,
  PluginTokenClient,
  SettingsIssue,
  UpstreamFetch,
} from '../../src/connections/plugin.js';
import { createUpstreamFetch, rewriteUpstreamUrl } from '../../src/connections/upstream_fetch.js';

/** The fake plugin's API ids, recommended first. */
export const ACME_APIS = ['acme-v2', 'acme-v1'] as const;

const PERMISSIONS = [
  { name: 'steps', description: 'Step counts' },
  { name: 'distance', description: 'Distances walked' },
  { name: 'weight', description: 'Body weight' },
];
const V2_AREAS: Readonly<Record<string, string>> = { steps: 'acme.activity', distance: 'acme.activity', weight: 'acme.body' };
const V2_LABELS: Readonly<Record<string, string>> = { 'acme.activity': 'Activity', 'acme.body': 'Body' };

function permissions(api: string): PluginPermission[] {
  return PERMISSIONS.map((permission) => ({ ...permission, upstreamScopes: [api === 'acme-v2' ? V2_AREAS[permission.name]! : permission.name] }));
}

function permissionAreas(api: string): PermissionArea[] {
  if (api !== 'acme-v2') return permissions(api).map((permission) => ({ label: permission.name, scope: permission.name, permissions: [permission] }));
  const areas = new Map<string, { label: string; scope: string; permissions: PluginPermission[] }>();
  for (const permission of permissions(api)) {
    const scope = permission.upstreamScopes[0]!;
    const area = areas.get(scope) ?? { label: V2_LABELS[scope]!, scope, permissions: [] };
    area.permissions.push(permission);
    areas.set(scope, area);
  }
  return [...areas.values()];
}

const parseSettings: ConnectionPlugin['parseSettings'] = (given) => {
  const api = given.api ?? ACME_APIS[0];
  const scope = given.scope ?? ['steps'];
  const issues: SettingsIssue[] = [];
  if (!(ACME_APIS as readonly string[]).includes(api)) issues.push({ field: 'api', message: 'must be "acme-v2" or "acme-v1"' });
  if (scope.length === 0) issues.push({ field: 'scope', message: 'must list at least one permission' });
  scope.forEach((name, index) => {
    if (!PERMISSIONS.some((permission) => permission.name === name)) issues.push({ field: `scope.${index}`, message: `unknown Acme permission ${JSON.stringify(name)}` });
  });
  const [first, ...rest] = issues;
  if (first) return { ok: false, issues: [first, ...rest] };
  return {
    ok: true,
    value: { api, scope, ...(given.clientId && { clientId: given.clientId }), ...(given.clientSecret && { clientSecret: given.clientSecret }) },
  };
};

function cannotLogIn(): never {
  throw new Error('the fake Acme plugin logs nobody in');
}

/** The Acme plugin with every optional member the host has a default for written out. */
export type AcmePlugin = ConnectionPlugin & Required<Pick<ConnectionPlugin, 'wording' | 'permissionAreas' | 'authorizationPrompt' | 'explainFailure'>>;

/**
 * A connection plugin that is not Fitbit, for tests proving the host shows and stores what a plugin
 * declares and names no upstream itself: strategy "acme", two APIs ("acme-v2", recommended, and
 * "acme-v1", with a warning), three permissions of which v2 grants two together. It validates its
 * settings; it cannot log anyone in. It reads no refused authorize request unless a test hands it a
 * `readAuthorizeRefusal`. It writes out every member the host has a default for, as the Fitbit
 * plugin does (test/support/minimal_plugin.ts leaves them to the host), so a test may call each.
 */
export function fakePlugin(hooks: Pick<ConnectionPlugin, 'readAuthorizeRefusal'> = {}): AcmePlugin {
  return {
    ...hooks,
    strategy: 'acme',
    displayName: 'Acme',
    mark: { tile: '#5b2a86', line: 'M6 24l10-16 10 16' },
    apis: [
      { id: 'acme-v2', name: 'Acme API v2', clientIdHint: 'the client ID on your Acme developer page.', permissionsHint: 'Acme v2 grants by area.' },
      {
        id: 'acme-v1',
        name: 'Acme API v1',
        warning: 'Acme v1 is retired at the end of the year.',
        clientIdHint: 'the key of your Acme v1 app.',
        permissionsHint: 'each permission is asked for on its own.',
      },
    ],
    defaultPermissions: ['steps'],
    parseSettings,
    permissions,
    permissionAreas,
    setupSteps: (api, callbackUrl) => [`1. Open https://developer.acme.example/${api} and register ${callbackUrl}`],
    createStrategy: cannotLogIn,
    createTokenClient: cannotLogIn,
    // Only the API that is ending says what a 410 means; acme-v2 leaves it to the host.
    wording: (api) => ({ name: 'Acme', ...(api === 'acme-v1' && { gone: 'Acme v1 is retired; switch this connection to acme-v2.' }) }),
    authorizationPrompt: () => undefined,
    explainFailure: () => undefined,
  };
}

/**
 * A failure as the Acme plugin would report it: a plain object with only the fields PluginFailure
 * declares (no Error, no class, nothing Fitbit's errors add), so a test proves the host reads the
 * declared contract. An object literal with any other field fails the type check.
 */
export function acmeFailure(failure: PluginFailure): PluginFailure {
  return { ...failure };
}

/** The value of the profile field acmeOAuth2Plugin's strategy adds beyond PluginProfile's. */
export const UNDECLARED_PROFILE_VALUE = 'acme-undeclared-profile-field';

/** How the Acme plugin's OAuth 2.0 strategy (acmeOAuth2Plugin) reaches its upstream. */
export interface AcmeOAuth2Options {
  /**
   * The upstream's base URL, with /authorize, /token, /me and /revoke under it: a fake upstream's
   * `url` (test/support/fake_oauth2_upstream.ts), where they answer on loopback; or its real
   * `origin` (https://auth.acme.example), which every call then reaches only under the
   * upstreamBaseUrl the host hands (FITGATE_UPSTREAM_BASE_URL, for an upstream the test's
   * `emulated` plays), as a plugin on its real endpoints does.
   */
  readonly upstreamUrl: string;
  /** Whether the strategy sends a PKCE code challenge; an upstream like Strava takes none. */
  readonly pkce?: boolean;
  /**
   * The strategy checks the state through a store whose verify refuses every state, as passport's
   * own check does for a state that is not the login's: a test of how the host answers that.
   */
  readonly refuseEveryState?: boolean;
  /** The strategy ignores the host's store (stores nothing, sends no state), as a plugin breaking the contract would. */
  readonly ignoreStore?: boolean;
  /** The strategy leaves the callback's `?error=` to passport-oauth2, which fails a refusal without a PluginFailChallenge. */
  readonly refusalByPassportOAuth2?: boolean;
  /** The plugin's strategy name (its connection's `strategy`); "acme" unless a test needs several. */
  readonly strategy?: string;
  /**
   * The user id the strategy hands back instead of the upstream's, as a plugin parsing the wrong
   * field would (an empty one breaks the plugin interface).
   */
  readonly profileId?: string;
  /** How the upstream joins scopes, asked and granted: " " unless given ("," for an upstream like Strava). */
  readonly scopeSeparator?: string;
  /**
   * Where the upstream reports the grant: the token answer's `scope` (default), or the callback
   * URL's `scope`, as Strava does.
   */
  readonly grantOn?: 'token' | 'callback';
  /** Where the authorize URL carries the host's prompt (the strategy's promptParameter); none is sent unless given. */
  readonly promptParameter?: string;
  /**
   * For an upstream that wraps its answers and refuses inside an HTTP 200 (the fake's `envelope`):
   * how the plugin reads each 2xx body of the token, profile and revocation endpoints
   * (UpstreamRequest's answerOf). Absent: a 2xx body is the answer.
   */
  readonly answerOf?: AnswerReader;
}

type StoreLike = {
  store(req: unknown, verifier: string | undefined, state: unknown, meta: unknown, callback: (error: Error | null, state?: string) => void): void;
  verify(req: unknown, state: unknown, callback: (error: Error | null, ok: unknown, info?: unknown) => void): void;
};

/**
 * The host's state store, checked into the type the strategy takes as any plugin's would be; with
 * `refuseEveryState`, one that keeps the host's state but verifies none; with `ignoreStore`, one
 * that stores nothing and sends no state, as a strategy ignoring the host's store would.
 */
function stateStoreOf(hostStore: unknown, { refuseEveryState, ignoreStore }: AcmeOAuth2Options): StoreLike {
  checkStateStore(hostStore);
  if (ignoreStore) {
    return { store: (_req, _verifier, _state, _meta, callback) => callback(null), verify: (_req, _state, callback) => callback(null, true) };
  }
  if (!refuseEveryState) return hostStore;
  return {
    store: (req, verifier, state, meta, callback) => hostStore.store(req, verifier, state, meta, callback),
    verify: (_req, _state, callback) => callback(null, false, { message: 'Unable to verify authorization request state.' }),
  };
}

/**
 * A strategy that leaves the callback's `?error=` to passport-oauth2, as one not built on
 * OAuth2LoginStrategy does: passport-oauth2 fails the user's refusal with `{ message }` alone, no
 * PluginFailChallenge.
 */
class PassportRefusalStrategy extends OAuth2LoginStrategy {
  override authenticate(req: Request, options: { state?: unknown } = {}): void {
    if (typeof (req.query as Record<string, unknown>).error === 'string') return OAuth2Strategy.prototype.authenticate.call(this, req, options);
    super.authenticate(req, options);
  }
}

/**
 * The Acme plugin as it would be written for an upstream that speaks plain OAuth 2.0: on the shared
 * OAuth2LoginStrategy (PKCE only when asked; the code exchanged through the host's HTTP port, its
 * refusals read by readAcmeRefusal; the user's refusal a PluginFailChallenge unless
 * `refusalByPassportOAuth2`), keeping its state in the host's store, with the profile from the
 * upstream's /me through the same port.
 */
export function acmeOAuth2Plugin(options: AcmeOAuth2Options): ConnectionPlugin {
  const base = fakePlugin();
  return {
    ...base,
    strategy: options.strategy ?? base.strategy,
    createStrategy(strategyOptions, verify) {
      const scopeNames = strategyOptions.scope;
      const upstreamScopes = [...new Set(base.permissions(strategyOptions.api).filter((p) => scopeNames.includes(p.name)).flatMap((p) => p.upstreamScopes))];
      const separator = options.scopeSeparator ?? ' ';
      const timeoutMs = strategyOptions.timeoutMs ?? 10_000;
      // Built by other code than the host (no port handed), it builds the same port from its options.
      const call: UpstreamFetch =
        strategyOptions.upstreamFetch ?? createUpstreamFetch({ timeoutMs, upstreamBaseUrl: strategyOptions.upstreamBaseUrl, onUpstreamCall: strategyOptions.onUpstreamCall });
      const client: EndpointClient = { method: 'client_secret_post', clientID: strategyOptions.clientID, clientSecret: strategyOptions.clientSecret ?? '' };
      const Strategy = options.refusalByPassportOAuth2 ? PassportRefusalStrategy : OAuth2LoginStrategy;
      const strategy = new Strategy(
        {
          // The one URL the port does not reach: the browser goes there, so the plugin rewrites it itself.
          authorizationURL: rewriteUpstreamUrl(`${options.upstreamUrl}/authorize`, strategyOptions.authorizationBaseUrl ?? strategyOptions.upstreamBaseUrl),
          tokenEndpoint: { url: `${options.upstreamUrl}/token`, client, upstreamFetch: call, timeoutMs, refusal: readAcmeRefusal, answerOf: options.answerOf },
          clientID: strategyOptions.clientID,
          clientSecret: strategyOptions.clientSecret,
          callbackURL: strategyOptions.callbackURL,
          scope: upstreamScopes,
          scopeSeparator: separator,
          pkce: options.pkce === true,
          store: stateStoreOf(strategyOptions.store, options),
          promptParameter: options.promptParameter,
        },
        (req, token, profile, done) => {
          const reported = options.grantOn === 'callback' ? (req.query as Record<string, unknown>).scope : token.scope;
          const granted = typeof reported === 'string' ? reported.split(separator) : [];
          const grantedScopes = base.permissions(strategyOptions.api).filter((p) => p.upstreamScopes.every((scope) => granted.includes(scope))).map((p) => p.name);
          const { accessToken, refreshToken, expiresIn } = token;
          verify({ accessToken, ...(refreshToken && { refreshToken }), expiresIn, grantedScopes }, profile as PluginProfile, (error, user, info) =>
            done(error, user as Express.User, info as object),
          );
        },
      );
      strategy.userProfile = (accessToken, done) => {
        profileAnswer({ upstreamFetch: call, url: `${options.upstreamUrl}/me`, timeoutMs, answerOf: options.answerOf }, accessToken)
          .then(({ json, raw }) => {
            // Like Strava's strategy (its `athlete`), a field PluginProfile does not declare: the host
            // neither shows nor stores it.
            const profile: PluginProfile & { athlete: { badge: string } } = {
              provider: 'acme',
              id: options.profileId ?? json.id,
              displayName: `${json.firstname} ${json.lastname}`,
              athlete: { badge: UNDECLARED_PROFILE_VALUE },
              _json: json,
              _raw: raw,
            };
            done(null, profile);
          })
          .catch(done);
      };
      return strategy;
    },
    createTokenClient: (client) => acmeTokenClient(options.upstreamUrl, client, options.answerOf),
  };
}

interface ProfileEndpoint {
  readonly upstreamFetch: UpstreamFetch;
  readonly url: string;
  readonly timeoutMs: number;
  readonly answerOf: AnswerReader | undefined;
}

/** What /me says of the bearer: its answer as received, or the object `answerOf` read in it. */
async function profileAnswer(endpoint: ProfileEndpoint, accessToken: string): Promise<{ json: { id: string; firstname: string; lastname: string }; raw: string }> {
  const headers = { authorization: `Bearer ${accessToken}` };
  if (endpoint.answerOf) {
    const { json, raw } = await callUpstreamJson({ ...endpoint, operation: 'profile', refusal: readAcmeRefusal, headers });
    return { json: json as { id: string; firstname: string; lastname: string }, raw };
  }
  const { status, body: raw } = await endpoint.upstreamFetch('profile', endpoint.url, { headers });
  if (status < 200 || status > 299) throw new Error(`/me answered ${status}`);
  return { json: JSON.parse(raw) as { id: string; firstname: string; lastname: string }, raw };
}

/**
 * The Acme plugin's token client, on the shared OAuth 2.0 client (src/connections/oauth2/): refresh
 * at /token, and RFC 7009 revocation at /revoke (the refresh token, or the access token without
 * one), the client in the form both times.
 */
function acmeTokenClient(upstreamUrl: string, client: PluginClientOptions, answerOf: AnswerReader | undefined): PluginTokenClient {
  const timeoutMs = client.timeoutMs ?? 10_000;
  const upstreamFetch = client.upstreamFetch ?? createUpstreamFetch({ timeoutMs, upstreamBaseUrl: client.upstreamBaseUrl, onUpstreamCall: client.onUpstreamCall });
  const endpointClient: EndpointClient = { method: 'client_secret_post', clientID: client.clientID, clientSecret: client.clientSecret ?? '' };
  const calls = { client: endpointClient, upstreamFetch, timeoutMs, refusal: readAcmeRefusal, answerOf };
  return {
    async refresh(refreshToken) {
      const answer = await requestToken({ ...calls, url: `${upstreamUrl}/token`, grant: { grant_type: 'refresh_token', refresh_token: refreshToken } });
      // An empty grant: a refresh says nothing of it, and the host keeps the stored one.
      return { accessToken: answer.accessToken, ...(answer.refreshToken && { refreshToken: answer.refreshToken }), expiresIn: answer.expiresIn, grantedScopes: [] };
    },
    revoke: (tokens) => revokeToken({ ...calls, url: `${upstreamUrl}/revoke`, token: tokens.refreshToken ?? tokens.accessToken }),
  };
}

/** Acme words its refusals as RFC 6749 §5.2 does; a 429 says when to retry in Retry-After. */
function readAcmeRefusal(refused: RefusedAnswer): UpstreamError {
  const details = { operation: refused.operation, status: refused.status };
  if (refused.status === 429) return new UpstreamRateLimitedError({ ...details, retryAfterSeconds: retryAfterSeconds(refused.headers['retry-after']) });
  if (refused.status >= 500) return new UpstreamServerError(details);
  const json = parseJsonObject(refused.body);
  const oauth = json && readOAuthErrorBody(json);
  if (oauth) return new UpstreamOAuthError({ ...details, upstreamCode: oauth.code, upstreamMessage: oauth.message });
  return new UpstreamBadResponseError({ ...details, problem: 'the refusal is no OAuth error body' });
}
