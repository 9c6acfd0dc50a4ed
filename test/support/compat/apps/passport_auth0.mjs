// An application on passport-auth0, as its README writes it. Only domain, clientID and clientSecret
// differ from an Auth0 app. The strategy fetches the profile with GET /userinfo?access_token=...
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import Auth0Strategy from 'passport-auth0';
import { errorsAsJson, listen, ready, settings } from './app_process.mjs';

const { domain, clientID, clientSecret } = settings();
const app = express();
const url = await listen(app);

passport.use(
  new Auth0Strategy({ domain, clientID, clientSecret, callbackURL: `${url}/callback` }, (accessToken, refreshToken, extraParams, profile, done) =>
    done(null, profile),
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
    if (error) return res.status(500).json({ error: error.message });
    if (!user) return res.status(401).json({ info });
    req.logIn(user, (failure) => (failure ? next(failure) : res.redirect('/user')));
  })(req, res, next);
});
app.get('/user', (req, res) => res.json({ user: req.user ?? null }));
app.use(errorsAsJson);
ready(url);
