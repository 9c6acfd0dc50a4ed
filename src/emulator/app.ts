import express, { type Express, type Request, type RequestHandler, type Response, type Router } from 'express';
import { adminRouter } from './admin_router.js';
import { createControl, type EmulatorControl } from './control.js';
import { notFound } from './errors.js';
import { HeldRequests, hostGate } from './host_gate.js';
import { upstreamErrorHandler, type ErrorStyle } from './renderers.js';
import { fitbitApiRouter } from './routers/fitbit_api.js';
import { fitbitOAuthRouter } from './routers/fitbit_oauth.js';
import { fitbitWwwRouter } from './routers/fitbit_www.js';
import { googleAccountsRouter } from './routers/google_accounts.js';
import { googleHealthRouter } from './routers/google_health.js';
import { googleCertsRouter, googleUserinfoRouter } from './routers/google_identity.js';
import { googleOAuthRouter } from './routers/google_oauth.js';
import { EmulatorState } from './state.js';
import { IdTokenSigner } from './tokens/id_token.js';
import type { EmulatorOptions, Host } from './types.js';

export interface Emulator {
  /** Mountable under any path: every real host is a path prefix below it (`/api.fitbit.com/...`). */
  readonly app: Express;
  readonly control: EmulatorControl;
  /** Ends requests held open by a 'timeout' failure, so a server closing over it is not kept waiting. */
  readonly releaseHeld: () => void;
}

interface HostSetup {
  readonly routers: readonly Router[];
  readonly style: ErrorStyle;
  /** Name on the host's own error pages. */
  readonly upstreamName: string;
}

const unknownPath: RequestHandler = (_req, _res, next) => next(notFound());

/** Builds the emulator: state, id_token key, one router per real host, and (unless told not to) the admin API. No I/O. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const state = new EmulatorState(options);
  const held = new HeldRequests();
  const signer = new IdTokenSigner();
  const control = createControl(state, held);

  const hosts: Record<Host, HostSetup> = {
    'www.fitbit.com': { routers: [fitbitWwwRouter(state)], style: 'fitbit', upstreamName: 'Fitbit' },
    'api.fitbit.com': { routers: [fitbitOAuthRouter(state), fitbitApiRouter(state)], style: 'fitbit', upstreamName: 'Fitbit' },
    'accounts.google.com': { routers: [googleAccountsRouter(state)], style: 'google-oauth', upstreamName: 'Google' },
    'oauth2.googleapis.com': { routers: [googleOAuthRouter(state, signer)], style: 'google-oauth', upstreamName: 'Google' },
    'openidconnect.googleapis.com': { routers: [googleUserinfoRouter(state)], style: 'google-oauth', upstreamName: 'Google' },
    'www.googleapis.com': { routers: [googleCertsRouter(signer)], style: 'google-api', upstreamName: 'Google' },
    'health.googleapis.com': { routers: [googleHealthRouter(state)], style: 'google-api', upstreamName: 'Google' },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (options.adminApi ?? true) app.use('/_emulator', adminRouter(control));
  for (const [host, setup] of Object.entries(hosts) as [Host, HostSetup][]) {
    app.use(
      `/${host}`,
      hostGate(state, held, host, setup.style),
      ...setup.routers,
      unknownPath,
      upstreamErrorHandler(setup.style, setup.upstreamName),
    );
  }
  app.use(answerUnknownHost);
  return { app, control, releaseHeld: () => held.releaseAll() };
}

/** A path under no host the emulator plays: the same answer wherever the emulator is mounted. */
function answerUnknownHost(_req: Request, res: Response): void {
  res.status(404).json({ error: 'not_found', message: 'Unknown host prefix. Paths start with a real host, e.g. /api.fitbit.com/.' });
}
