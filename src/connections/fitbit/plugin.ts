import type { FailureExplanation, PermissionArea, PluginAuthorizeOptions, PluginPermission, RevocableTokens, UpstreamWording } from '../plugin.js';
import { isFitbitApi, type FitbitApi } from './api.js';
import { apiChoices } from './api_choices.js';
import { readAuthorizeRefusal, type AuthorizeAnswer, type FitbitAuthorizeRefusal } from './authorize_refusal.js';
import { adviseOnCredentials, type CredentialsToAdvise } from './credential_advice.js';
import { explainFailure } from './failure_explanations.js';
import type { FitbitProfile } from './profile/fitbit_profile.js';
import { permissionAreas } from './permission_areas.js';
import { permissions } from './permissions.js';
import { DEFAULT_SCOPES, parseSettings, type ParsedSettings } from './settings.js';
import { upstreamPrompt } from './prompt.js';
import { consentForRefreshToken } from './refresh_token_consent.js';
import { wording } from './wording.js';
import { setupSteps } from './setup_steps.js';
import { FitbitStrategy, type FitbitStrategyOptions } from './strategy.js';
import type { FitbitVerifyCallback } from './verify.js';
import { createTokenClient, type FitbitTokenClient, type FitbitTokens } from './token_client.js';
import type { JsonObject } from '../oauth2/json.js';
import { checkStateStore } from '../oauth2/passport/state_store.js';
import type { UpstreamClientOptions } from './upstream_context.js';
import { fitbitSandbox } from './sandbox.js';

/** The options a host passes: `api` arrives as a plain string and is checked here. */
export type FitbitPluginClientOptions = Omit<UpstreamClientOptions, 'api'> & { api: string };
export type FitbitPluginStrategyOptions = Omit<FitbitStrategyOptions, 'api' | 'store'> & { api: string; store?: unknown };

/** The host's verify: `done` is Passport's, typed loosely because the host's users are its own. */
export type FitbitPluginVerify = (tokens: FitbitTokens, profile: FitbitProfile, done: (error: unknown, user?: unknown, info?: unknown) => void) => void;

/** The token client a host uses: it hands over every token of a grant and leaves the choice here. */
export interface FitbitPluginTokenClient {
  refresh: FitbitTokenClient['refresh'];
  revoke(tokens: RevocableTokens): Promise<void>;
}

/** An api this plugin does not declare is refused, never served as another (plugin.ts). */
function checkedApi(api: string): FitbitApi {
  if (!isFitbitApi(api)) throw new TypeError(`api must be "google-health" or "fitbit-legacy", not ${JSON.stringify(api)}`);
  return api;
}

/**
 * The Fitbit connection as a host sees it (fitgate's ConnectionPlugin, matched structurally: this
 * folder imports nothing of the host but types from its plugin.ts).
 */
export const fitbitPlugin = {
  strategy: 'fitbit',
  displayName: 'Fitbit',
  // A teal tile with a pulse line.
  mark: { tile: '#00747f', line: 'M5 17h6l2.5-6 4 11 3-8 1.5 3H27' },
  apis: apiChoices(),
  defaultPermissions: DEFAULT_SCOPES,
  // fitgate's emulator of both APIs' servers (src/emulator), which this plugin brings as its sandbox.
  sandbox: fitbitSandbox,

  parseSettings(input: unknown): ParsedSettings {
    return parseSettings(input);
  },

  permissions(api: string): PluginPermission[] {
    return permissions(checkedApi(api));
  },

  permissionAreas(api: string): PermissionArea[] {
    return permissionAreas(checkedApi(api));
  },

  setupSteps(api: string, callbackUrl: string): string[] {
    return setupSteps(checkedApi(api), callbackUrl);
  },

  wording(api: string): UpstreamWording {
    return wording(checkedApi(api));
  },

  authorizationPrompt(api: string, prompt: readonly string[]): string | undefined {
    return upstreamPrompt(checkedApi(api), prompt);
  },

  consentForRefreshToken(api: string, prompt: readonly string[]): PluginAuthorizeOptions | undefined {
    return consentForRefreshToken(checkedApi(api), prompt);
  },

  explainFailure(kind: string, tried: { api: string; callbackUrl: string }): FailureExplanation | undefined {
    return explainFailure(kind, tried.api, tried.callbackUrl);
  },

  adviseOnCredentials(api: string, credentials: CredentialsToAdvise): string[] {
    return adviseOnCredentials(api, credentials);
  },

  readAuthorizeRefusal(answer: AuthorizeAnswer): FitbitAuthorizeRefusal | undefined {
    return readAuthorizeRefusal(answer);
  },

  createStrategy(options: FitbitPluginStrategyOptions, verify: FitbitPluginVerify): FitbitStrategy {
    const api = checkedApi(options.api);
    const { store } = options;
    if (store !== undefined) checkStateStore(store);
    const strategy: FitbitStrategy = new FitbitStrategy(
      { ...options, api, store },
      (accessToken: string, refreshToken: string | undefined, params: JsonObject, profile: FitbitProfile, done: FitbitVerifyCallback) => {
        // The answer the strategy's exchange parsed and checked, read back rather than parsed again.
        const token = strategy.tokenAnswerOf(params);
        if (!token) return done(new TypeError('The token answer did not come from this strategy\'s code exchange'));
        const tokens = { accessToken, ...(refreshToken && { refreshToken }), expiresIn: token.expiresIn, grantedScopes: profile.grantedScopes };
        verify(tokens, profile, (error, user, info) => done(error, user as Express.User | false | undefined, info as object | undefined));
      },
    );
    return strategy;
  },

  createTokenClient(options: FitbitPluginClientOptions): FitbitPluginTokenClient {
    const client = createTokenClient({ ...options, api: checkedApi(options.api) });
    return {
      refresh: (refreshToken) => client.refresh(refreshToken),
      // Revoking the refresh token ends the whole grant at both upstreams, and it outlives the access
      // token, so it is the one most likely still accepted.
      revoke: (tokens) => client.revoke(tokens.refreshToken ?? tokens.accessToken),
    };
  },
};
