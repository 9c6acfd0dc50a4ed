import type { Request } from 'express';
import type { StrategyCreatedStatic } from 'passport';
import OAuth2Strategy from 'passport-oauth2';
import { authorizationParams, checkScopes, requestScope, type FitbitAuthenticateOptions } from './authorization_params.js';
import { UpstreamOAuthError } from '../oauth2/errors/oauth_error.js';
import type { UpstreamErrorKind } from '../oauth2/errors/upstream_error.js';
import { exchangeCodesWith } from '../oauth2/passport/code_exchange_hook.js';
import { checkStateStore, type StateStore } from '../oauth2/passport/state_store.js';
import { tokenRequestError } from '../oauth2/passport/token_error_hook.js';
import { exchangeCode } from './code_exchange.js';
import { isRetiredAuthorization } from './endpoints.js';
import { UpstreamGoneError } from './errors/gone_error.js';
import { kindOfCode } from './errors/kind_of_code.js';
import { parseErrorResponse } from './errors/parse_error_response.js';
import { withNonce } from './nonce.js';
import type { FitbitProfile } from './profile/fitbit_profile.js';
import { upstreamScopes } from './scopes.js';
import { fetchProfile } from './token_client.js';
import { upstreamContext, type UpstreamClientOptions, type UpstreamContext } from './upstream_context.js';
import {
  verifyWithProfile,
  type FitbitVerify,
  type FitbitVerifyWithParams,
  type FitbitVerifyWithProfile,
  type FitbitVerifyWithRequest,
  type FitbitVerifyWithRequestAndParams,
  type FitbitVerifyWithRequestAndProfile,
} from './verify.js';

export interface FitbitStrategyOptions extends UpstreamClientOptions {
  callbackURL: string;
  /** Fitbit scope names; google-health requests the Google Health scopes they map to. */
  scope: readonly string[];
  /** Base for the browser-facing authorize URL when it differs from upstreamBaseUrl. */
  authorizationBaseUrl?: string | undefined;
  /**
   * passport-oauth2 state store of the PKCE kind: store(req, verifier, state, meta, cb) and
   * verify(req, state, cb). Default: state and verifier in req.session (needs express-session).
   */
  store?: StateStore | undefined;
  passReqToCallback?: boolean | undefined;
}

type LiveStrategy = FitbitStrategy & StrategyCreatedStatic;

/**
 * What Passport's `fail` receives when the user declined consent: the refusal as `error`, its kind
 * beside it for an application that reads the challenge alone. Every other failure is an `error`.
 */
export interface FitbitRefusalChallenge {
  readonly message: string;
  readonly kind: UpstreamErrorKind;
  readonly error: UpstreamOAuthError;
}

/**
 * Passport strategy `fitbit` for both upstream modes, on passport-oauth2: state and PKCE S256 on
 * every request, provider parameters from a fixed list, client authentication per mode, a bounded
 * timeout on the token request, Google's id_token verified, and typed errors for every failure.
 */
export class FitbitStrategy extends OAuth2Strategy {
  readonly api: UpstreamContext['api'];
  private readonly context: UpstreamContext;

  // The first overload types an unannotated `(accessToken, refreshToken, profile, done) => ...`;
  // TypeScript gives context only from the first overload, so the other forms need annotations.
  constructor(options: FitbitStrategyOptions & { passReqToCallback?: false }, verify: FitbitVerifyWithProfile);
  constructor(options: FitbitStrategyOptions & { passReqToCallback?: false }, verify: FitbitVerifyWithParams);
  constructor(options: FitbitStrategyOptions & { passReqToCallback: true }, verify: FitbitVerifyWithRequestAndProfile);
  constructor(options: FitbitStrategyOptions & { passReqToCallback: true }, verify: FitbitVerifyWithRequestAndParams);
  constructor(options: FitbitStrategyOptions, verify: FitbitVerify | FitbitVerifyWithRequest);
  constructor(options: FitbitStrategyOptions, verify: FitbitVerify | FitbitVerifyWithRequest) {
    if (typeof verify !== 'function') throw new TypeError('FitbitStrategy requires a verify callback');
    const context = upstreamContext(options);
    if (!options.callbackURL) throw new TypeError('callbackURL is required');
    const scopes = checkScopes(options.scope ?? []);
    const { store } = options;
    if (store !== undefined) checkStateStore(store);
    super(
      {
        authorizationURL: context.endpoints.authorization,
        tokenURL: context.endpoints.token,
        clientID: context.credentials.clientID,
        clientSecret: context.credentials.clientSecret ?? '',
        callbackURL: options.callbackURL,
        scope: upstreamScopes(context.api, scopes),
        state: true,
        pkce: true,
        store,
        sessionKey: `fitbit:${context.api}`,
        // The profile needs the token answer (granted scopes, user_id, id_token), which passport-oauth2
        // hands to verify but not to userProfile; so the profile is loaded in the verify step below.
        skipUserProfile: true,
        passReqToCallback: true,
      },
      verifyWithProfile(context, scopes, verify, options.passReqToCallback === true),
    );
    this.name = 'fitbit';
    this.api = context.api;
    this.context = context;
    // passport-oauth2's token request (node-oauth) has no timeout and always sends the secret in the
    // body; Fitbit Server apps need HTTP Basic. Replace it with ours.
    exchangeCodesWith(this._oauth2, (code, params) => exchangeCode(context, code, params));
  }

  override authenticate(req: Request, options: FitbitAuthenticateOptions & { state?: unknown } = {}): void {
    const self = this as LiveStrategy;
    const query = req.query as Record<string, unknown>;
    if (typeof query.error === 'string') return this.upstreamRefused(self, query);
    const isCallback = Boolean(query.code ?? (req.body as Record<string, unknown> | undefined)?.code);
    if (isCallback) return super.authenticate(req, options);

    // Known gone: the host answers its client (or TRY its admin) instead of losing the user on a 410 page.
    if (isRetiredAuthorization(this.api, this.context.endpoints)) return self.error(new UpstreamGoneError({ operation: 'authorize' }));
    let scope: string[] | undefined;
    try {
      if (typeof options.state === 'string') {
        // passport-oauth2 skips the state store for string state, which would drop the PKCE verifier.
        throw new TypeError('FitbitStrategy generates the state itself; pass application state as an object');
      }
      authorizationParams(this.api, options);
      scope = requestScope(this.api, options);
    } catch (error) {
      return self.error(error as Error);
    }
    if (this.api === 'google-health') {
      const redirect = self.redirect.bind(self);
      self.redirect = (url: string, status?: number) => redirect(withNonce(url), status);
    }
    super.authenticate(req, { ...options, ...(scope && { scope }) });
  }

  override authorizationParams(options: FitbitAuthenticateOptions): Record<string, string> {
    return authorizationParams(this.api, options);
  }

  /** For any caller still on node-oauth's path: Fitbit's `errors` bodies as well as RFC 6749 ones. */
  override parseErrorResponse(body: string, status: number): Error {
    return parseErrorResponse({ operation: 'token', status, headers: {}, body, api: this.api });
  }

  /** passport-oauth2's private hook for a failed token request: ours arrive typed and stay so. */
  protected _createOAuthError(message: string, error: unknown): Error {
    return tokenRequestError(message, error);
  }

  /** The profile for an access token alone (no id_token): legacy profile.json, or identity + userinfo. */
  override userProfile(accessToken: string, done: (error?: unknown, profile?: FitbitProfile) => void): void {
    fetchProfile(this.context, accessToken, []).then((profile) => done(null, profile), done);
  }

  /** The upstream redirected back with `error`: a refusal by the user is a failure, the rest errors. */
  private upstreamRefused(self: LiveStrategy, query: Record<string, unknown>): void {
    const upstreamCode = String(query.error);
    const upstreamMessage = typeof query.error_description === 'string' ? query.error_description : undefined;
    const refusal = new UpstreamOAuthError({ operation: 'authorize', upstreamCode, upstreamMessage, kind: kindOfCode(upstreamCode, upstreamMessage) });
    if (refusal.kind === 'access_denied') {
      const challenge: FitbitRefusalChallenge = { message: 'The user declined to share their data.', kind: refusal.kind, error: refusal };
      return self.fail(challenge, 403);
    }
    self.error(refusal);
  }
}
