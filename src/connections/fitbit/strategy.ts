import { OAuth2LoginStrategy, type OAuth2RefusalChallenge } from '../oauth2/passport/oauth2_strategy.js';
import type { StateStore } from '../oauth2/passport/state_store.js';
import { checkPrompt, checkScopes, loginHintParameter, providerParams } from './authorization_params.js';
import { readCodeAnswer } from './code_exchange.js';
import { isRetiredAuthorization } from './endpoints.js';
import { UpstreamGoneError } from './errors/gone_error.js';
import { kindOfCode } from './errors/kind_of_code.js';
import { parseErrorResponse } from './errors/parse_error_response.js';
import { withNonce } from './nonce.js';
import type { FitbitProfile } from './profile/fitbit_profile.js';
import { upstreamScopes } from './scopes.js';
import { fetchProfile } from './profile/fetch_profile.js';
import { tokenEndpoint } from './token_endpoint.js';
import type { FitbitTokenResponse } from './token_response.js';
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

/** The user's refusal, as OAuth2LoginStrategy fails it. */
export type FitbitRefusalChallenge = OAuth2RefusalChallenge;

/**
 * Passport strategy `fitbit` for both upstream modes, on the shared OAuth2LoginStrategy (state and
 * PKCE S256 on every request, the code exchanged through the shared client, typed errors for every
 * failure). What is Fitbit's and Google's own, declared in the base's options: the provider
 * parameters from a fixed list, the prompt values each mode's page takes, per-request Fitbit scopes,
 * client authentication per mode, the token answer's user_id or id_token, Google's id_token verified
 * and its nonce, the retired legacy authorize page; and the profile.
 */
export class FitbitStrategy extends OAuth2LoginStrategy<FitbitTokenResponse> {
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
    super(
      {
        authorizationURL: context.endpoints.authorization,
        tokenEndpoint: tokenEndpoint(context),
        clientID: context.credentials.clientID,
        clientSecret: context.credentials.clientSecret,
        callbackURL: options.callbackURL,
        scope: upstreamScopes(context.api, scopes),
        pkce: true,
        store: options.store,
        sessionKey: `fitbit:${context.api}`,
        // The profile needs the token answer (granted scopes, user_id, id_token), which passport-oauth2
        // hands to verify but not to userProfile; so the profile is loaded in the verify step below.
        skipUserProfile: true,
        kindOfCode,
        readAnswer: (answer, exchange) => readCodeAnswer(context, answer, exchange),
        promptParameter: 'prompt',
        checkPrompt: (prompt) => checkPrompt(context.api, prompt),
        loginHintParameter: loginHintParameter(context.api),
        // Known gone: the host answers its client (or TRY its admin) instead of losing the user on a 410 page.
        refuseAuthorize: isRetiredAuthorization(context.api, context.endpoints) ? () => new UpstreamGoneError({ operation: 'authorize' }) : undefined,
        requestScope: (scope) => upstreamScopes(context.api, checkScopes(scope)),
        authorizeParameters: providerParams(context.api),
        finishAuthorizeUrl: context.api === 'google-health' ? withNonce : undefined,
      },
      verifyWithProfile(context, scopes, verify, options.passReqToCallback === true),
    );
    this.name = 'fitbit';
    this.api = context.api;
    this.context = context;
  }

  /** For any caller still on node-oauth's path: Fitbit's `errors` bodies as well as RFC 6749 ones. */
  override parseErrorResponse(body: string, status: number): Error {
    return parseErrorResponse({ operation: 'token', status, headers: {}, body, api: this.api });
  }

  /** The profile for an access token alone (no id_token): legacy profile.json, or identity + userinfo. */
  override userProfile(accessToken: string, done: (error?: unknown, profile?: FitbitProfile) => void): void {
    fetchProfile(this.context, accessToken, []).then((profile) => done(null, profile), done);
  }
}
