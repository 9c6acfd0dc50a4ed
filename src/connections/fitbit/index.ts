/**
 * Fitbit for Passport: one strategy for the Google Health API (google-health) and the legacy Fitbit
 * Web API (fitbit-legacy), a token client for stored tokens, and typed upstream errors.
 */
export { FitbitStrategy, type FitbitStrategyOptions, type FitbitRefusalChallenge } from './strategy.js';
export type {
  FitbitVerify,
  FitbitVerifyWithProfile,
  FitbitVerifyWithParams,
  FitbitVerifyWithRequest,
  FitbitVerifyWithRequestAndProfile,
  FitbitVerifyWithRequestAndParams,
  FitbitVerifyCallback,
} from './verify.js';
export type { FitbitAuthenticateOptions } from './authorization_params.js';
export { createTokenClient } from './token_client.js';
export type { FitbitTokenClient, FitbitTokens } from './token_client.js';
export type { FitbitProfile } from './profile/fitbit_profile.js';
export { parseLegacyProfile, legacyProfileFromUserId } from './profile/legacy.js';
export { parseGoogleHealthProfile } from './profile/google_health.js';
export { fitbitPlugin } from './plugin.js';
export type { FitbitApi } from './api.js';
export { FITBIT_SCOPES, googleScopeFor, upstreamScopes, grantedFitbitScopes, type FitbitScope } from './scopes.js';
export type { FitbitSettings } from './settings.js';
export type { StateStore } from '../oauth2/passport/state_store.js';
export type { UpstreamCallHook, UpstreamCallReport } from './upstream_call_report.js';
export * from './errors/index.js';
