import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import {
  FitbitStrategy,
  isUpstreamError,
  type FitbitProfile,
  type FitbitStrategyOptions,
  type FitbitVerifyCallback,
} from '../../../../src/connections/fitbit/index.js';
import type { JsonObject } from '../../../../src/connections/fitbit/json.js';
import { approveUrl, type ConsentChoice } from '../../../support/emulator.js';

/**
 * A small Express + Passport application that signs users in with FitbitStrategy, as any third-party
 * app would, plus a browserless driver for it. The callback answers JSON describing the outcome.
 */

export interface SignedInUser {
  profile: FitbitProfile;
  accessToken: string;
  refreshToken?: string;
  params: JsonObject;
}

export interface CallbackOutcome {
  status: number;
  user?: SignedInUser | false;
  info?: { message?: string; kind?: string };
  error?: { name: string; kind?: string; status?: number; upstreamCode?: string; message: string; retryAfterSeconds?: number };
}

export interface PassportApp {
  readonly url: string;
  readonly callbackUrl: string;
  /** /login → upstream authorize (with the emulator's consent parameters) → /login/callback. */
  signIn(consent: ConsentChoice, loginQuery?: Record<string, string>): Promise<SignInResult>;
  /** Calls a callback URL again in the same browser session. */
  replayCallback(callbackUrl: string): Promise<CallbackOutcome>;
  close(): Promise<void>;
}

export type SignInResult =
  | { kind: 'callback'; authorizeUrl: URL; callbackUrl: string; outcome: CallbackOutcome }
  /** The upstream answered the authorize request with its own page instead of redirecting back. */
  | { kind: 'upstream-page'; authorizeUrl: URL; status: number; page: string };

export type AppStrategyOptions = Omit<FitbitStrategyOptions, 'callbackURL' | 'passReqToCallback'> & {
  /** redirect_uri sent at the token endpoint when it should differ from the one sent to authorize. */
  tokenRedirectUri?: string;
};

/** `configure` receives the app's callback URL (known once it listens) and answers the strategy options. */
export async function startPassportApp(configure: (callbackUrl: string) => AppStrategyOptions): Promise<PassportApp> {
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackUrl = `${url}/login/callback`;

  const passport = new Passport();
  const { tokenRedirectUri, ...strategyOptions } = configure(callbackUrl);
  passport.use(
    new FitbitStrategy(
      { ...strategyOptions, callbackURL: callbackUrl },
      (accessToken: string, refreshToken: string | undefined, params: JsonObject, profile: FitbitProfile, done: FitbitVerifyCallback) =>
        done(null, { profile, accessToken, ...(refreshToken && { refreshToken }), params }),
    ),
  );
  app.use(session({ secret: 'passport-app-test-secret', resave: false, saveUninitialized: false }));
  app.get('/login', (req, res, next) => passport.authenticate('fitbit', { session: false, ...req.query })(req, res, next));
  app.get('/login/callback', (req, res, next) =>
    passport.authenticate(
      'fitbit',
      { session: false, ...(tokenRedirectUri && { callbackURL: tokenRedirectUri }) },
      (error: unknown, user: SignedInUser | false, info: CallbackOutcome['info']) => {
        if (error) return res.status(502).json({ error: describe(error) });
        res.status(user ? 200 : 401).json({ user, info });
      },
    )(req, res, next),
  );

  let cookie = '';
  const remember = (response: Response) => {
    const set = response.headers.getSetCookie().map((value) => value.split(';')[0]);
    if (set.length > 0) cookie = set.join('; ');
  };
  const callback = async (target: string): Promise<CallbackOutcome> => {
    const response = await fetch(target, { headers: { cookie }, redirect: 'manual' });
    remember(response);
    return { status: response.status, ...((await response.json()) as Omit<CallbackOutcome, 'status'>) };
  };

  return {
    url,
    callbackUrl,
    async signIn(consent, loginQuery = {}) {
      const login = await fetch(`${url}/login?${new URLSearchParams(loginQuery)}`, { redirect: 'manual' });
      remember(login);
      const location = login.headers.get('location');
      if (login.status !== 302 || !location) throw new Error(`/login answered ${login.status}: ${await login.text()}`);
      const authorizeUrl = new URL(location);
      const upstream = await fetch(approveUrl(location, consent), { redirect: 'manual' });
      const back = upstream.headers.get('location');
      if (upstream.status < 300 || upstream.status > 399 || !back) {
        return { kind: 'upstream-page', authorizeUrl, status: upstream.status, page: await upstream.text() };
      }
      return { kind: 'callback', authorizeUrl, callbackUrl: back, outcome: await callback(back) };
    },
    replayCallback: callback,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function describe(error: unknown): CallbackOutcome['error'] {
  if (!isUpstreamError(error)) return { name: error instanceof Error ? error.name : 'unknown', message: String(error) };
  return {
    name: error.name,
    kind: error.kind,
    message: error.message,
    ...(error.status !== undefined && { status: error.status }),
    ...(error.upstreamCode !== undefined && { upstreamCode: error.upstreamCode }),
    ...('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number' && { retryAfterSeconds: error.retryAfterSeconds }),
  };
}

/** The outcome's signed-in user, or a readable failure naming what came back instead. */
export function signedIn(result: SignInResult): SignedInUser {
  if (result.kind !== 'callback' || !result.outcome.user) throw new Error(`not signed in: ${JSON.stringify(result)}`);
  return result.outcome.user;
}

export function callbackOutcome(result: SignInResult): CallbackOutcome {
  if (result.kind !== 'callback') throw new Error(`the upstream showed a page (${result.status}): ${result.page.slice(0, 300)}`);
  return result.outcome;
}
