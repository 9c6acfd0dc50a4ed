import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session, { type Store as SessionStore } from 'express-session';
import { Passport } from 'passport';
import { FitbitStrategy, isUpstreamError, type FitbitApi } from '../../src/connections/fitbit/index.js';

/**
 * What a developer writes instead of fitgate: Express, express-session and Passport with our
 * FitbitStrategy, signing people in straight against the upstream. No broker, no id_token, no
 * client registry, no user store: the profile lives in the session. This is the baseline the
 * benchmark compares fitgate with, so it is written the way the plugin README shows, nothing slower.
 */
export interface PeerOptions {
  /** e.g. "http://127.0.0.1:4321": where the peer listens, for its callback URL. */
  publicUrl: string;
  upstreamBaseUrl: string;
  api: FitbitApi;
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  /** Memory store when absent (a single process); connect-redis when given. */
  sessionStore?: SessionStore;
}

interface PeerUser {
  id: string;
  name: string;
  scopes: string[];
}

export function createPeerApp(options: PeerOptions): Express {
  const passport = new Passport();
  passport.use(
    new FitbitStrategy(
      {
        api: options.api,
        clientID: options.clientId,
        clientSecret: options.clientSecret,
        callbackURL: `${options.publicUrl}/callback`,
        scope: ['activity', 'profile'],
        upstreamBaseUrl: options.upstreamBaseUrl,
      },
      (_accessToken, _refreshToken, profile, done) => {
        const user: PeerUser = { id: profile.id, name: profile.displayName ?? '', scopes: [...profile.grantedScopes] };
        done(null, user);
      },
    ),
  );
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  app.disable('x-powered-by');
  app.use(
    session({
      secret: options.sessionSecret,
      resave: false,
      saveUninitialized: false,
      ...(options.sessionStore ? { store: options.sessionStore } : {}),
    }),
  );
  app.use(passport.session());

  app.get('/login', passport.authenticate('fitbit'));
  app.get('/callback', passport.authenticate('fitbit', { failureRedirect: '/denied' }), (_req, res) => res.redirect('/me'));
  app.get('/me', (req, res) => {
    if (!req.user) {
      res.status(401).json({ error: 'not signed in' });
      return;
    }
    res.json(req.user);
  });
  app.get('/denied', (_req, res) => void res.status(403).send('Sign-in was refused.'));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isUpstreamError(error)) return next(error);
    res.status(502).send(`Fitbit sign-in failed (${error.kind}).`);
  });
  return app;
}
