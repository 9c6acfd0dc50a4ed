import type { Request } from 'express';
import type { StrategyCreatedStatic } from 'passport';
import PassportOAuth2Strategy from 'passport-oauth2';
import { codeVerifierOf, exchangeAuthorizationCode, type CodeExchange } from '../authorization_code.js';
import { UpstreamOAuthError } from '../errors/oauth_error.js';
import { UpstreamBadResponseError } from '../errors/bad_response_error.js';
import { kindOfOAuthCode } from '../errors/kind_of_oauth_code.js';
import type { UpstreamErrorKind } from '../errors/upstream_error.js';
import type { JsonObject } from '../json.js';
import type { TokenEndpoint } from '../token_request.js';
import type { TokenResponse } from '../token_response.js';
import { authorizeParameters, checkAuthorizeAsks, type AuthorizeAsks } from './authorize_parameters.js';
import { exchangeCodesWith } from './code_exchange_hook.js';
import { checkStateStore } from './state_store.js';
import { tokenRequestError } from './token_error_hook.js';

/** What every OAuth2LoginStrategy is built from; OAuth2LoginStrategyOptions adds how its token answer is read. */
export interface OAuth2LoginStrategyBaseOptions {
  /** The browser-facing authorize URL, already rewritten for the browser if it must be. */
  authorizationURL: string;
  /** Where the code is exchanged, and how: the client authentication, the HTTP port, the refusal reader. */
  tokenEndpoint: TokenEndpoint;
  clientID: string;
  clientSecret?: string | undefined;
  callbackURL: string;
  /** The upstream's scope names, as the authorize URL carries them. */
  scope: readonly string[];
  /** How the upstream joins scopes; " " unless given. */
  scopeSeparator?: string | undefined;
  /**
   * A PKCE S256 challenge on every authorize request, its verifier in the exchange. Only an upstream
   * that documents no PKCE (RFC 6749 servers need not support RFC 7636) turns it off.
   */
  pkce: boolean;
  /**
   * A passport-oauth2 state store of the PKCE kind (state_store.ts), checked here. Default:
   * passport-oauth2's session store (needs express-session).
   */
  store?: unknown;
  sessionKey?: string | undefined;
  /** The profile needs the token answer: the subclass loads it in verify instead of userProfile. */
  skipUserProfile?: boolean | undefined;
  /**
   * Where the upstream reports the scopes the user granted: `token`, the token answer's `scope`
   * (RFC 6749 §5.1), or `callback`, the `scope` parameter of the callback that brings the code
   * (Strava's, comma-separated, beside a token answer with none). verify receives it as
   * `token.scope` either way, as the upstream spelled it and undefined when that place carries
   * none, so that one verify, and grantedPermissions (../granted_scopes.ts), serve both. The
   * callback's came through the browser, which can add a scope the user never granted (the
   * upstream's API still refuses it): where an upstream reports the grant in both, keep `token`.
   * Default: `token`.
   */
  grantedScopeFrom?: 'token' | 'callback' | undefined;
  /**
   * The kind of the code the upstream's callback carries in `?error=`; the standard codes'
   * (kindOfOAuthCode) unless the upstream has codes or spellings of its own.
   */
  kindOfCode?: ((code: string, message?: string) => UpstreamErrorKind) | undefined;
  /**
   * The authorize URL's parameter for the host's `prompt` option (authorizationPrompt's answer, as
   * the plugin spelled it): "prompt" at an OpenID Connect upstream, "approval_prompt" at Strava.
   * Absent: no prompt is ever sent, and TRY's consent never reaches the upstream.
   */
  promptParameter?: string | undefined;
  /**
   * The authorize URL's parameter for the host's `loginHint` option (the client's login_hint):
   * "login_hint" where the upstream documents one. Absent: the hint is left out, as it must be at
   * an upstream that documents none.
   */
  loginHintParameter?: string | undefined;
  /**
   * The values the upstream's authorize page takes for the prompt: throws (a TypeError) for a
   * string prompt it would refuse, the empty one included, and the request is refused before the
   * browser leaves. Absent: any string is sent (an empty one as none).
   */
  checkPrompt?: ((prompt: string) => void) | undefined;
  /**
   * Refuses every authorize request, before anything else is checked, with the error it returns: an
   * authorize page known gone (a PluginFailure of kind `gone`), where a redirect would strand the
   * user instead of letting the host answer its client. Undefined: the request goes on.
   */
  refuseAuthorize?: (() => Error | undefined) | undefined;
  /**
   * Reads `authenticate`'s `scope` option, given for one request instead of the configured scope,
   * into the upstream scopes asked for (throws for a name it does not know). Absent: passport-oauth2
   * sends the option as given.
   */
  requestScope?: ((scope: string | readonly string[]) => string[]) | undefined;
  /** Parameters of the upstream's own on every authorize URL, beside the prompt and login hint. */
  authorizeParameters?: Readonly<Record<string, string>> | undefined;
  /**
   * The authorize URL as passport-oauth2 built it (state and PKCE challenge in it), made the one the
   * browser is sent to: for a parameter derived from those, such as an OpenID Connect nonce bound to
   * the challenge. It runs in passport-oauth2's redirect, once the state store kept the login,
   * where nothing catches a throw: give it a URL it cannot refuse. Absent: the URL as built.
   */
  finishAuthorizeUrl?: ((url: string) => string) | undefined;
}

/**
 * Makes verify's Token of the answer the shared client parsed and checked as RFC 6749 asks: adds
 * and checks the fields the upstream sends beyond it, on that parsed answer (its `json`: the object
 * the TokenEndpoint's answerOf read, for an upstream that wraps its answers), never by parsing it again. A rejection or a throw fails the login as it is: make it a PluginFailure
 * (UpstreamBadResponseError for a field missing).
 */
export type TokenAnswerReader<Token extends TokenResponse> = (answer: TokenResponse, exchange: CodeExchange) => Token | Promise<Token>;

/**
 * The options, with `readAnswer` required exactly when the strategy's Token is more than
 * TokenResponse: the exchange alone yields a TokenResponse, and a Token with a field of its own
 * (Strava's `athlete`) would otherwise reach verify without it.
 */
export type OAuth2LoginStrategyOptions<Token extends TokenResponse = TokenResponse> = OAuth2LoginStrategyBaseOptions &
  (TokenResponse extends Token ? { readAnswer?: TokenAnswerReader<Token> | undefined } : { readAnswer: TokenAnswerReader<Token> });

/**
 * What Passport's `fail` receives when the user declined consent: the refusal as `error`, its kind
 * beside it for an application that reads the challenge alone. Every other failure is an `error`.
 */
export interface OAuth2RefusalChallenge {
  readonly message: string;
  readonly kind: UpstreamErrorKind;
  readonly error: UpstreamOAuthError;
}

export type OAuth2LoginDone = (error: unknown, user?: Express.User | false, info?: object) => void;

/**
 * The subclass's verify: the token answer as the exchange parsed and checked it (parsed once per
 * login), and passport-oauth2's profile (undefined under skipUserProfile).
 */
export type OAuth2LoginVerify<Token extends TokenResponse> = (req: Request, token: Token, profile: unknown, done: OAuth2LoginDone) => void;

type Live = PassportOAuth2Strategy & StrategyCreatedStatic;

/**
 * A passport-oauth2 strategy for logging a user in at any OAuth 2.0 upstream, with passport-oauth2's
 * traps closed: state always (through the host's checked store), PKCE unless turned off, the code
 * exchanged through the shared client (bounded, reported, its refusals typed) instead of node-oauth,
 * typed token-request failures kept typed, and the callback's `?error=` read into an
 * UpstreamOAuthError: the user's refusal a `fail` with an OAuth2RefusalChallenge, the rest errors.
 * The host's prompt and login hint go in the authorize URL under the names the options give. A
 * plugin declares what is its upstream's own as options: its token answer's fields (readAnswer),
 * the authorize step's checks and parameters (checkPrompt, refuseAuthorize, requestScope,
 * authorizeParameters, finishAuthorizeUrl); and its profile.
 */
export class OAuth2LoginStrategy<Token extends TokenResponse = TokenResponse> extends PassportOAuth2Strategy {
  protected readonly tokenEndpoint: TokenEndpoint;
  private readonly pkce: boolean;
  private readonly kindOfCode: (code: string, message?: string) => UpstreamErrorKind;
  private readonly readAnswer: TokenAnswerReader<Token>;
  private readonly askNames: { readonly prompt: string | undefined; readonly loginHint: string | undefined };
  private readonly authorizeStep: Pick<OAuth2LoginStrategyBaseOptions, 'checkPrompt' | 'refuseAuthorize' | 'requestScope' | 'authorizeParameters' | 'finishAuthorizeUrl'>;
  /** Each login's parsed answer, keyed by the JSON passport-oauth2 hands verify as `params`. */
  private readonly answers: WeakMap<JsonObject, Token>;

  constructor(options: OAuth2LoginStrategyOptions<Token>, verify: OAuth2LoginVerify<Token>) {
    if (typeof verify !== 'function') throw new TypeError('OAuth2LoginStrategy requires a verify callback');
    if (!options.callbackURL) throw new TypeError('callbackURL is required');
    const { store, grantedScopeFrom = 'token' } = options;
    if (store !== undefined) checkStateStore(store);
    if (grantedScopeFrom !== 'token' && grantedScopeFrom !== 'callback') throw new TypeError(`grantedScopeFrom must be "token" or "callback", not ${JSON.stringify(grantedScopeFrom)}`);
    // Filled by the exchange below; read back in verify, where passport-oauth2 passes only the JSON.
    const answers = new WeakMap<JsonObject, Token>();
    super(
      {
        authorizationURL: options.authorizationURL,
        tokenURL: options.tokenEndpoint.url,
        clientID: options.clientID,
        clientSecret: options.clientSecret ?? '',
        callbackURL: options.callbackURL,
        scope: [...options.scope],
        ...(options.scopeSeparator !== undefined && { scopeSeparator: options.scopeSeparator }),
        state: true,
        pkce: options.pkce,
        store,
        ...(options.sessionKey !== undefined && { sessionKey: options.sessionKey }),
        ...(options.skipUserProfile !== undefined && { skipUserProfile: options.skipUserProfile }),
        passReqToCallback: true,
      },
      (req: Request, _accessToken: string, _refreshToken: string, params: JsonObject, profile: unknown, done: OAuth2LoginDone) => {
        const answer = answers.get(params);
        if (!answer) return done(new TypeError('The token answer did not come from this strategy\'s code exchange'));
        const token = grantedScopeFrom === 'callback' ? { ...answer, scope: callbackScope(req) } : answer;
        // tokenAnswerOf, for a verify that wraps this one, hands out what verify got.
        answers.set(params, token);
        verify(req, token, profile, done);
      },
    );
    this.tokenEndpoint = options.tokenEndpoint;
    this.pkce = options.pkce;
    this.kindOfCode = options.kindOfCode ?? kindOfOAuthCode;
    // Without readAnswer the options' type has Token be TokenResponse itself, so the answer is one.
    this.readAnswer = options.readAnswer ?? ((answer) => answer as Token);
    this.askNames = { prompt: options.promptParameter, loginHint: options.loginHintParameter };
    const { checkPrompt, refuseAuthorize, requestScope, authorizeParameters, finishAuthorizeUrl } = options;
    this.authorizeStep = { checkPrompt, refuseAuthorize, requestScope, authorizeParameters, finishAuthorizeUrl };
    this.answers = answers;
    // node-oauth's exchange has no timeout, no report, and always sends the secret in the body.
    exchangeCodesWith(this._oauth2, async (code, params) => {
      const token = await this.exchangeCode(this.codeExchange(code, params), params);
      answers.set(token.json, token);
      return token;
    });
  }

  /**
   * The parsed answer of a login's exchange, for the JSON passport-oauth2 handed verify as `params`:
   * from verify on, with the granted scope where grantedScopeFrom says.
   */
  tokenAnswerOf(params: JsonObject): Token | undefined {
    return this.answers.get(params);
  }

  /**
   * Exchanges the code through the shared client, and reads the parsed answer into Token with the
   * options' readAnswer, which is where an upstream's own fields are checked (an id_token, a user id).
   */
  protected async exchangeCode(exchange: CodeExchange, _params: Record<string, string>): Promise<Token> {
    return this.readAnswer(await exchangeAuthorizationCode(this.tokenEndpoint, exchange), exchange);
  }

  /**
   * The authorize URL's parameters beyond passport-oauth2's own: the host's prompt and login hint
   * under the upstream's names (promptParameter, loginHintParameter), the rest left out, then the
   * options' authorizeParameters.
   */
  override authorizationParams(options: AuthorizeAsks): Record<string, string> {
    return { ...authorizeParameters(this.askNames, options), ...this.authorizeStep.authorizeParameters };
  }

  override authenticate(req: Request, options: { state?: unknown } = {}): void {
    const query = req.query as Record<string, unknown>;
    const isCallback = Boolean(query.code ?? (req.body as Record<string, unknown> | undefined)?.code);
    if (query.error !== undefined) {
      const malformed = malformedErrorResponse(query.error, isCallback);
      if (malformed) return (this as unknown as Live).error(new UpstreamBadResponseError({ operation: 'authorize', problem: malformed }));
      return this.upstreamRefused(query);
    }
    if (isCallback) return super.authenticate(req, options);
    this.authorize(req, options);
  }

  /**
   * The authorize step (no code, no error), in this order: the options' refuseAuthorize; string
   * state refused; a prompt or login hint that is no string refused, and a prompt checkPrompt
   * refuses; a one-request `scope` read by requestScope; then the redirect, to the URL
   * finishAuthorizeUrl makes of passport-oauth2's.
   */
  protected authorize(req: Request, options: { state?: unknown; scope?: string | readonly string[] } & AuthorizeAsks): void {
    const self = this as unknown as Live;
    const { checkPrompt, refuseAuthorize, requestScope, finishAuthorizeUrl } = this.authorizeStep;
    const refusal = refuseAuthorize?.();
    if (refusal) return self.error(refusal);
    let scope: string[] | undefined;
    try {
      this.checkApplicationState(options);
      checkAuthorizeAsks(options, checkPrompt);
      scope = requestScope && options.scope !== undefined ? requestScope(options.scope) : undefined;
    } catch (error) {
      return self.error(error as Error);
    }
    if (finishAuthorizeUrl) {
      // Passport hands each request its own copy of the strategy, so this redirect is this request's alone.
      const redirect = self.redirect.bind(self);
      self.redirect = (url: string, status?: number) => redirect(finishAuthorizeUrl(url), status);
    }
    this.redirectUpstream(req, scope ? { ...options, scope } : options);
  }

  /** passport-oauth2's authorize redirect, with state and PKCE. */
  protected redirectUpstream(req: Request, options: object): void {
    super.authenticate(req, options);
  }

  /** passport-oauth2 skips the state store for string state, which would drop the PKCE verifier. */
  protected checkApplicationState(options: { state?: unknown }): void {
    if (typeof options.state === 'string') {
      throw new TypeError(`${this.constructor.name} generates the state itself; pass application state as an object`);
    }
  }

  /** passport-oauth2's private hook for a failed token request: ours arrive typed and stay so. */
  protected _createOAuthError(message: string, error: unknown): Error {
    return tokenRequestError(message, error);
  }

  /** The upstream redirected back with `error`: a refusal by the user is a failure, the rest errors. */
  private upstreamRefused(query: Record<string, unknown>): void {
    const self = this as unknown as Live;
    const upstreamCode = String(query.error);
    const upstreamMessage = typeof query.error_description === 'string' ? query.error_description : undefined;
    const refusal = new UpstreamOAuthError({ operation: 'authorize', upstreamCode, upstreamMessage, kind: this.kindOfCode(upstreamCode, upstreamMessage) });
    if (refusal.kind === 'access_denied') {
      const challenge: OAuth2RefusalChallenge = { message: 'The user declined to share their data.', kind: refusal.kind, error: refusal };
      return self.fail(challenge, 403);
    }
    self.error(refusal);
  }

  /** The exchange's code and verifier: the state store's verifier under PKCE, which it must have kept. */
  private codeExchange(code: string, params: { redirect_uri?: string; code_verifier?: string }): CodeExchange {
    const redirectUri = params.redirect_uri;
    return this.pkce ? { code, codeVerifier: codeVerifierOf(params), redirectUri } : { code, pkce: false, redirectUri };
  }
}

/**
 * The `scope` of the callback that carried the code (its query, or the body of a form post), as
 * passport-oauth2 looks for the code; undefined when absent or not one string (repeated).
 */
function callbackScope(req: Request): string | undefined {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const callback = query.code !== undefined ? query : ((req.body ?? {}) as Record<string, unknown>);
  return typeof callback.scope === 'string' ? callback.scope : undefined;
}

/**
 * Why a callback's `error` cannot be read as the upstream's refusal, or undefined when it can. RFC
 * 6749 §4.1.2.1 has an error response carry `error`, one ASCII code, and no `code`: success (§4.1.2)
 * and error are one or the other. A callback with both, even an empty `error` beside a code, is
 * neither, so neither the refusal nor the code is taken; nor is an `error` with no code in it.
 */
function malformedErrorResponse(error: unknown, withCode: boolean): string | undefined {
  if (withCode) return 'the callback carries both a code and an error, which RFC 6749 (4.1.2, 4.1.2.1) never sends together';
  if (typeof error !== 'string' || error === '') return 'the callback carries an error parameter with no error code in it';
  return undefined;
}
