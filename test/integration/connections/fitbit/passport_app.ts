import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from '@jest/globals';
import express from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import {
  fitbitPlugin,
  FitbitStrategy,
  isUpstreamError,
  type FitbitProfile,
  type FitbitStrategyOptions,
  type FitbitApi,
  type FitbitVerifyCallback,
} from '../../../../src/connections/fitbit/index.js';
import type { JsonObject } from '../../../../src/connections/oauth2/json.js';
import { approveUrl, type ConsentChoice, type TestEmulator } from '../../../support/emulator.js';
import { registerUpstreamApp } from './apps.js';

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
  /** `alterAuthorize` plays a browser (or attacker) changing the authorize URL before following it. */
  signIn(consent: ConsentChoice, loginQuery?: Record<string, string>, alterAuthorize?: (url: URL) => void): Promise<SignInResult>;
  /** /login → upstream authorize, stopping before the callback: answers the callback URL to call later. */
  authorize(consent: ConsentChoice): Promise<string>;
  /** Calls a callback URL in this app's browser session (again, or for the first time after authorize()). */
  visitCallback(callbackUrl: string): Promise<CallbackOutcome>;
  close(): Promise<void>;
}

export type SignInResult =
  | { kind: 'callback'; authorizeUrl: URL; callbackUrl: string; outcome: CallbackOutcome }
  /**
   * The upstream answered the authorize request with its own page instead of redirecting back: at
   * the authorize URL (Fitbit), or at the error page it redirected to (Google), which `redirectedTo` names.
   */
  | { kind: 'upstream-page'; authorizeUrl: URL; status: number; page: string; redirectedTo?: URL };

export type AppStrategyOptions = Omit<FitbitStrategyOptions, 'callbackURL' | 'passReqToCallback'> & {
  /** redirect_uri sent at the token endpoint when it should differ from the one sent to authorize. */
  tokenRedirectUri?: string;
  /** Build the strategy the way fitgate does, through fitbitPlugin.createStrategy and its verify. */
  viaPlugin?: boolean;
};

/** `configure` receives the app's callback URL (known once it listens) and answers the strategy options. */
export async function startPassportApp(configure: (callbackUrl: string) => AppStrategyOptions): Promise<PassportApp> {
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackUrl = `${url}/login/callback`;

  const passport = new Passport();
  const { tokenRedirectUri, viaPlugin, ...strategyOptions } = configure(callbackUrl);
  const options = { ...strategyOptions, callbackURL: callbackUrl };
  passport.use(
    viaPlugin
      ? fitbitPlugin.createStrategy({ ...options, scope: [...options.scope] }, (tokens, profile, done) =>
          done(null, { profile, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, params: { ...tokens } }),
        )
      : new FitbitStrategy(
          options,
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
  const startLogin = async (query: Record<string, string>): Promise<URL> => {
    const login = await fetch(`${url}/login?${new URLSearchParams(query)}`, { redirect: 'manual' });
    remember(login);
    const location = login.headers.get('location');
    if (login.status !== 302 || !location) throw new Error(`/login answered ${login.status}: ${await login.text()}`);
    return new URL(location);
  };
  const callback = async (target: string): Promise<CallbackOutcome> => {
    const response = await fetch(target, { headers: { cookie }, redirect: 'manual' });
    remember(response);
    return { status: response.status, ...((await response.json()) as Omit<CallbackOutcome, 'status'>) };
  };

  return {
    url,
    callbackUrl,
    async signIn(consent, loginQuery = {}, alterAuthorize) {
      const authorizeUrl = await startLogin(loginQuery);
      alterAuthorize?.(authorizeUrl);
      const upstream = await fetch(approveUrl(authorizeUrl.href, consent), { redirect: 'manual' });
      const back = upstream.headers.get('location');
      if (upstream.status < 300 || upstream.status > 399 || !back) {
        return { kind: 'upstream-page', authorizeUrl, status: upstream.status, page: await upstream.text() };
      }
      const target = new URL(back, authorizeUrl);
      if (!target.href.startsWith(callbackUrl)) {
        const page = await fetch(target, { redirect: 'manual' });
        return { kind: 'upstream-page', authorizeUrl, status: page.status, page: await page.text(), redirectedTo: target };
      }
      return { kind: 'callback', authorizeUrl, callbackUrl: back, outcome: await callback(back) };
    },
    async authorize(consent) {
      const upstream = await fetch(approveUrl((await startLogin({})).href, consent), { redirect: 'manual' });
      const back = upstream.headers.get('location');
      if (!back) throw new Error(`the upstream answered ${upstream.status} without a redirect`);
      return back;
    },
    visitCallback: callback,
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

/**
 * A Passport app for the enclosing describe, signing in through a freshly registered upstream app
 * of the emulator: started before the describe's tests, closed after them.
 */
export function passportAppFor(
  emulator: () => TestEmulator,
  api: FitbitApi,
  options: Partial<Omit<AppStrategyOptions, 'api'>> & { type?: 'server' | 'client' } = {},
): () => PassportApp {
  const { type = 'server', ...overrides } = options;
  let app: PassportApp | undefined;
  beforeAll(async () => {
    app = await startPassportApp((callbackUrl) => ({
      api,
      ...registerUpstreamApp(emulator().control, api, type, callbackUrl),
      scope: ['activity', 'profile'],
      upstreamBaseUrl: emulator().url,
      ...overrides,
    }));
  });
  afterAll(() => app?.close());
  return () => {
    if (!app) throw new Error('the Passport app has not started');
    return app;
  };
}
