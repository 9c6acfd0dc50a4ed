import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app_deps.js';
import type { UpstreamApi } from '../domain/types.js';
import { createEmulator, type EmulatorControl, type RegisteredApp } from '../emulator/index.js';

/** Where the sandbox lives on every host; app.ts mounts it before tenant resolution. */
export const SANDBOX_PATH = '/_sandbox';

/** What every page of a sandbox login says, fitgate's and the emulator's alike. */
export const SANDBOX_NOTICE = 'Sandbox: no real Fitbit account is used.';

/**
 * The built-in emulator standing in for Fitbit and Google when a connection has no credentials and
 * FITGATE_SANDBOX is on, so a fresh install can log in at once. Its state lives in this process: a
 * sandbox login must finish on the instance that started it (fine for development; production
 * turns the sandbox off).
 */
export interface Sandbox {
  /** The emulator, with the sandbox notice added to its pages. */
  readonly app: RequestHandler;
  readonly control: EmulatorControl;
  /** The emulator app for `api`, with `callbackUrl` registered as one of its redirect URIs. */
  credentialsFor(api: UpstreamApi, callbackUrl: string): { clientID: string; clientSecret: string };
}

const CLIENT_IDS: Readonly<Record<UpstreamApi, string>> = {
  'google-health': 'fitgate-sandbox.apps.googleusercontent.com',
  'fitbit-legacy': '23SBOX',
};

const sandboxes = new WeakMap<AppDeps, Sandbox>();

/** The sandbox of these deps: app.ts mounts it and the login routes use it, so both get the same one. */
export function createSandbox(deps: AppDeps): Sandbox {
  let sandbox = sandboxes.get(deps);
  if (!sandbox) {
    sandbox = buildSandbox();
    sandboxes.set(deps, sandbox);
  }
  return sandbox;
}

function buildSandbox(): Sandbox {
  // Server apps with secrets, as a real deployment registers them; the secrets never leave the process.
  const apps: RegisteredApp[] = (Object.keys(CLIENT_IDS) as UpstreamApi[]).map((api) => ({
    clientId: CLIENT_IDS[api],
    clientSecret: randomBytes(24).toString('base64url'),
    type: 'server',
    api,
    redirectUris: [],
    name: 'fitgate sandbox',
  }));
  const emulator = createEmulator({ apps });
  const { control } = emulator;
  const withNotice = addNoticeToPages(emulator.app);
  return {
    app: withNotice,
    control,
    credentialsFor(api, callbackUrl) {
      const app = control.addRedirectUri(CLIENT_IDS[api], callbackUrl);
      return { clientID: app.clientId, clientSecret: app.clientSecret ?? '' };
    },
  };
}

/** Puts the sandbox notice at the top of every HTML page the emulator sends (consent, errors). */
function addNoticeToPages(app: RequestHandler): RequestHandler {
  const notice = `<p class="banner banner-sandbox" role="status">${SANDBOX_NOTICE}</p>`;
  return (req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const html = typeof body === 'string' && /^text\/html/.test(String(res.get('Content-Type') ?? ''));
      return send(html ? (body as string).replace('<header>', `<header>${notice}`) : body);
    };
    app(req, res, next);
  };
}
