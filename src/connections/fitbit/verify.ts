/** The application verify callbacks FitbitStrategy accepts, and the adapter that feeds them a profile. */
import type { Request } from 'express';
import type { JsonObject } from '../oauth2/json.js';
import type { FitbitProfile } from './profile/fitbit_profile.js';
import { grantedScopesOf, loginProfile } from './profile/login_profile.js';
import type { FitbitScope } from './scopes.js';
import type { FitbitTokenResponse } from './token_response.js';
import type { UpstreamContext } from './upstream_context.js';

export type FitbitVerifyCallback = (error: unknown, user?: Express.User | false, info?: object) => void;
type RefreshToken = string | undefined;
export type FitbitVerifyWithProfile = (accessToken: string, refreshToken: RefreshToken, profile: FitbitProfile, done: FitbitVerifyCallback) => void;
/** `params` is the token endpoint's answer as received (it holds tokens: never log it). */
export type FitbitVerifyWithParams = (
  accessToken: string,
  refreshToken: RefreshToken,
  params: JsonObject,
  profile: FitbitProfile,
  done: FitbitVerifyCallback,
) => void;
export type FitbitVerify = FitbitVerifyWithProfile | FitbitVerifyWithParams;
export type FitbitVerifyWithRequestAndProfile = (
  req: Request,
  accessToken: string,
  refreshToken: RefreshToken,
  profile: FitbitProfile,
  done: FitbitVerifyCallback,
) => void;
export type FitbitVerifyWithRequestAndParams = (
  req: Request,
  accessToken: string,
  refreshToken: RefreshToken,
  params: JsonObject,
  profile: FitbitProfile,
  done: FitbitVerifyCallback,
) => void;
export type FitbitVerifyWithRequest = FitbitVerifyWithRequestAndProfile | FitbitVerifyWithRequestAndParams;

/**
 * The verify function given to OAuth2LoginStrategy: loads the profile from the token answer the
 * exchange parsed and checked, then calls the application's verify with the arguments its arity
 * asks for, as passport-oauth2 itself does.
 */
export function verifyWithProfile(
  context: UpstreamContext,
  requested: readonly FitbitScope[],
  verify: FitbitVerify | FitbitVerifyWithRequest,
  passReq: boolean,
) {
  return (req: Request, token: FitbitTokenResponse, _none: unknown, done: FitbitVerifyCallback) => {
    const { accessToken, refreshToken, json: params } = token;
    loginProfile(context, token, grantedScopesOf(context, token, requested)).then(
      (profile) => {
        const args: unknown[] =
          verify.length === (passReq ? 6 : 5) ? [accessToken, refreshToken, params, profile, done] : [accessToken, refreshToken, profile, done];
        try {
          (verify as (...args: unknown[]) => void)(...(passReq ? [req, ...args] : args));
        } catch (error) {
          done(error);
        }
      },
      (error: unknown) => done(error),
    );
  };
}
