// An application on passport-auth0, as its README and Auth0's Express quickstart write it. Only
// domain, clientID and clientSecret differ from an Auth0 app; the strategy keeps its defaults
// (state: true, no scope of its own). It fetches the profile with GET /userinfo?access_token=...
import querystring from 'node:querystring';
import { URL } from 'node:url';
import util from 'node:util';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import Auth0Strategy from 'passport-auth0';
import { errorsAsJson, listen, ready, settings } from './app_process.mjs';

const { domain, clientID, clientSecret } = settings();
const app = express();
const url = await listen(app);

passport.use(
  // The quickstart's verify callback hands on the profile; extraParams (the token response, with
  // the id_token) goes along as info only so that /user can show what the strategy was given.
  new Auth0Strategy({ domain, clientID, clientSecret, callbackURL: `${url}/callback` }, (accessToken, refreshToken, extraParams, profile, done) =>
    done(null, profile, { extraParams }),
  ),
);
passport.serializeUser((user, done) => done(null, user));
passport.deserializeUser((user, done) => done(null, user));

app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true }));
app.use(passport.initialize());
app.use(passport.session());
app.get('/login', passport.authenticate('auth0', { scope: 'openid email profile' }));
// The README's "Force a Specific IdP": no scope at all.
app.get('/login/fitbit', passport.authenticate('auth0', { connection: 'fitbit' }));
app.get('/callback', (req, res, next) => {
  passport.authenticate('auth0', (error, user, info) => {
    if (error) return res.status(500).json({ error: error.message, code: error.code, name: error.name });
    if (!user) return res.status(401).json({ info });
    req.logIn(user, (failure) => {
      if (failure) return next(failure);
      // After logIn, which starts a new session.
      req.session.extraParams = info.extraParams;
      res.redirect('/user');
    });
  })(req, res, next);
});
app.get('/user', (req, res) => res.json({ user: req.user ?? null, extraParams: req.session.extraParams ?? null }));
// The quickstart's logout: the local session, then Auth0's /v2/logout back to this app's root.
app.get('/logout', (req, res, next) => {
  req.logout((failure) => {
    if (failure) return next(failure);
    let returnTo = `${req.protocol}://${req.hostname}`;
    const port = req.socket.localPort;
    if (port !== undefined && port !== 80 && port !== 443) returnTo += `:${port}`;
    const logoutURL = new URL(util.format('https://%s/v2/logout', domain));
    logoutURL.search = querystring.stringify({ client_id: clientID, returnTo });
    res.redirect(logoutURL.href);
  });
});
app.get('/', (req, res) => res.json({ home: true, user: req.user ?? null }));
app.use(errorsAsJson);
ready(url);
