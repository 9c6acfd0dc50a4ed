import { randomBytes } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createEmulator, EMULATED_UPSTREAMS, SANDBOX_CLIENT_IDS, type EmulatorControl, type RegisteredApp, type UpstreamApi } from '../emulator/index.js';
import { sandboxNotice, SANDBOX_PATH, type EmulatedUpstreams, type SandboxCredentials, type SandboxUpstream } from '../upstream/sandbox_upstream.js';

/**
 * The sandbox as the entry point hands it to createApp: what request code uses (SandboxUpstream),
 * plus the front channel app.ts mounts at SANDBOX_PATH on every tenant's host. Wherever the emulator
 * runs: in this process, or (with several workers) in the primary, reached over loopback.
 */
export interface SandboxAccess extends SandboxUpstream {
  readonly app: RequestHandler;
}

/** One sandbox app's credentials, with the upstream it plays (a plugin's strategy and API id). */
export interface SandboxAppCredentials extends SandboxCredentials {
  readonly strategy: string;
  readonly api: string;
}

/** The emulator itself, in this process: its state (codes, tokens, consent) lives here. */
export interface Sandbox extends SandboxAccess {
  readonly control: EmulatorControl;
  /** Every sandbox app's credentials, for processes that reach this emulator from elsewhere. */
  credentials(): readonly SandboxAppCredentials[];
  /** Registers `callbackUrl` as a redirect URI of every sandbox app. */
  allowCallback(callbackUrl: string): void;
}

/** The connection plugins by strategy, as far as the sandbox reads them: how each is named. */
export type PluginNames = ReadonlyMap<string, { readonly displayName: string }>;

/** One upstream the emulator plays, and the client id of the app the sandbox registers for it. */
interface PlayedUpstream {
  readonly strategy: string;
  readonly api: UpstreamApi;
  readonly clientId: string;
}

// The emulator's own list of what it plays (FITGATE_UPSTREAM_BASE_URL reads the same), with each app's client id.
const PLAYED: readonly PlayedUpstream[] = EMULATED_UPSTREAMS.map(({ strategy, api }) => ({ strategy, api, clientId: SANDBOX_CLIENT_IDS[strategy]![api]! }));

// A lookup in the list, not by key: "constructor" or "__proto__" must find nothing.
function playedBy(strategy: string, api: string): PlayedUpstream | undefined {
  return PLAYED.find((played) => played.strategy === strategy && played.api === api);
}

/**
 * What the emulator plays wherever it runs: as the sandbox, and apart (`npm run emulator`) behind
 * FITGATE_UPSTREAM_BASE_URL. The entry point hands it to createApp as AppDeps.emulated.
 */
export const EMULATED: EmulatedUpstreams = { plays: (strategy, api) => playedBy(strategy, api) !== undefined };

/**
 * A sandbox emulator whose back channel is reached at `backChannelUrl`. `plugins` name what its pages
 * say no real account of is used: the plugins whose upstreams it plays.
 */
export function buildSandbox(backChannelUrl: () => string, plugins: PluginNames): Sandbox {
  // Server apps with secrets, as a real deployment registers them; the secrets never leave fitgate.
  const apps: RegisteredApp[] = PLAYED.map(({ api, clientId }) => ({
    clientId,
    clientSecret: randomBytes(24).toString('base64url'),
    type: 'server',
    api,
    redirectUris: [],
    name: 'fitgate sandbox',
  }));
  // No control API over HTTP: on fitgate's public hosts it would let anyone read the sandbox secrets
  // or rewrite its behaviour. fitgate drives it through `control`.
  const emulator = createEmulator({ apps, adminApi: false });
  const { control } = emulator;
  const credentialsOf = (app: RegisteredApp): SandboxCredentials => ({ clientID: app.clientId, clientSecret: app.clientSecret ?? '' });
  const names = [...new Set(PLAYED.map((played) => played.strategy))].flatMap((strategy) => plugins.get(strategy)?.displayName ?? []);
  return {
    app: addNoticeToPages(emulator.app, sandboxNotice(...names)),
    control,
    backChannelUrl,
    plays: EMULATED.plays,
    credentialsFor(strategy, api, callbackUrl) {
      const played = playedBy(strategy, api);
      return played && credentialsOf(control.addRedirectUri(played.clientId, callbackUrl));
    },
    credentials() {
      const registered = new Map(control.apps().map((app) => [app.clientId, app]));
      return PLAYED.map(({ strategy, api, clientId }) => ({ strategy, api, ...credentialsOf(registered.get(clientId) as RegisteredApp) }));
    },
    allowCallback(callbackUrl) {
      for (const { clientId } of PLAYED) control.addRedirectUri(clientId, callbackUrl);
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

/** Puts the sandbox notice at the top of every HTML page the emulator sends (consent, errors). */
function addNoticeToPages(app: RequestHandler, text: string): RequestHandler {
  const notice = `<p class="banner banner-sandbox" role="status">${escapeHtml(text)}</p>`;
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
export function inProcessSandbox(config: { sandbox: boolean }, plugins: PluginNames, internalBaseUrl: () => string): Sandbox | undefined {
  return config.sandbox ? buildSandbox(() => `${internalBaseUrl()}${SANDBOX_PATH}`, plugins) : undefined;
}

// A plugin's display name is text; the emulator's pages are HTML.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
