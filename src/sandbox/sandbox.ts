import { randomBytes } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { answerUnknownHost, createEmulator, SANDBOX_CLIENT_IDS, type EmulatorControl, type RegisteredApp } from '../emulator/index.js';
import { SANDBOX_NOTICE, SANDBOX_PATH, type SandboxCredentials, type SandboxUpstream } from '../upstream/sandbox_upstream.js';

/**
 * The sandbox as the entry point hands it to createApp: what request code uses (SandboxUpstream),
 * plus the front channel app.ts mounts at SANDBOX_PATH on every tenant's host. Wherever the emulator
 * runs: in this process, or (with several workers) in the primary, reached over loopback.
 */
export interface SandboxAccess extends SandboxUpstream {
  readonly app: RequestHandler;
}

/** The emulator itself, in this process: its state (codes, tokens, consent) lives here. */
export interface Sandbox extends SandboxAccess {
  readonly control: EmulatorControl;
  /** Both sandbox apps' credentials, for processes that reach this emulator from elsewhere. */
  credentials(): Readonly<Record<SandboxApi, SandboxCredentials>>;
  /** Registers `callbackUrl` as a redirect URI of both sandbox apps. */
  allowCallback(callbackUrl: string): void;
}

/** The upstream APIs the emulator plays, by the ids their plugin declares. */
type SandboxApi = RegisteredApp['api'];

const APIS = Object.keys(SANDBOX_CLIENT_IDS) as SandboxApi[];

function isSandboxApi(api: string): api is SandboxApi {
  return Object.hasOwn(SANDBOX_CLIENT_IDS, api);
}

/** A sandbox emulator whose back channel is reached at `backChannelUrl`. */
export function buildSandbox(backChannelUrl: () => string): Sandbox {
  // Server apps with secrets, as a real deployment registers them; the secrets never leave fitgate.
  const apps: RegisteredApp[] = APIS.map((api) => ({
    clientId: SANDBOX_CLIENT_IDS[api],
    clientSecret: randomBytes(24).toString('base64url'),
    type: 'server',
    api,
    redirectUris: [],
    name: 'fitgate sandbox',
  }));
  const emulator = createEmulator({ apps });
  const { control } = emulator;
  const credentialsOf = (app: RegisteredApp): SandboxCredentials => ({ clientID: app.clientId, clientSecret: app.clientSecret ?? '' });
  return {
    app: withoutAdminApi(addNoticeToPages(emulator.app)),
    control,
    backChannelUrl,
    credentialsFor(api, callbackUrl) {
      return isSandboxApi(api) ? credentialsOf(control.addRedirectUri(SANDBOX_CLIENT_IDS[api], callbackUrl)) : undefined;
    },
    credentials() {
      const registered = new Map(control.apps().map((app) => [app.clientId, app]));
      return Object.fromEntries(APIS.map((api) => [api, credentialsOf(registered.get(SANDBOX_CLIENT_IDS[api]) as RegisteredApp)])) as Record<
        SandboxApi,
        SandboxCredentials
      >;
    },
    allowCallback(callbackUrl) {
      for (const api of APIS) control.addRedirectUri(SANDBOX_CLIENT_IDS[api], callbackUrl);
    },
  };
}

/** The sandbox's front channel at SANDBOX_PATH, for the loopback server that hosts it for workers. */
export function sandboxHostApp(sandbox: Sandbox): Express {
  const host = express();
  host.disable('x-powered-by');
  host.use(SANDBOX_PATH, sandbox.app);
  return host;
}

/**
 * The emulator's control API (/_emulator: apps with their secrets, users, failures) is for tests
 * and the standalone emulator; on fitgate's public hosts it would let anyone read the sandbox
 * secrets or rewrite its behaviour.
 */
function withoutAdminApi(app: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/_emulator' || req.path.startsWith('/_emulator/')) return answerUnknownHost(req, res);
    app(req, res, next);
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

/**
 * The sandbox of a single process when the sandbox is on: the emulator runs in this process and is
 * reached over the process's own loopback address (`internalBaseUrl`, known once it listens).
 */
export function inProcessSandbox(config: { sandbox: boolean }, internalBaseUrl: () => string): Sandbox | undefined {
  return config.sandbox ? buildSandbox(() => `${internalBaseUrl()}${SANDBOX_PATH}`) : undefined;
}
