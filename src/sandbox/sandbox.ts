import { randomBytes } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import type { ConnectionPlugin, PluginEmulator } from '../connections/plugin.js';
import { withoutFitgateCookies } from './cookie_wall.js';
import { noticeOnPages, pageNotice } from './page_notice.js';
import { wallResponse } from './sandbox_response_wall.js';
import { sandboxNotice, SANDBOX_PATH, type EmulatedUpstreams, type SandboxCredentials, type SandboxUpstream } from '../upstream/sandbox_upstream.js';

/**
 * The sandbox as the entry point hands it to createApp: what request code uses (SandboxUpstream),
 * plus the front channel app.ts mounts at SANDBOX_PATH on every tenant's host. Wherever the emulators
 * run: in this process, or (with several workers) in the primary, reached over loopback.
 */
export interface SandboxAccess extends SandboxUpstream {
  readonly app: RequestHandler;
  /** True when `app` finds the request's tenant itself (a worker's proxy does); else app.ts checks it first. */
  readonly checksTenant?: boolean;
  /**
   * Registers `callbackUrl` as a redirect URI of every sandbox app, for the front channel's tenant
   * check to call (sandbox_tenant_check.ts); absent where `app` checks the tenant itself.
   */
  readonly allowCallback?: (callbackUrl: string) => void;
}

/** One sandbox app's credentials, with the upstream it plays (a plugin's strategy and API id). */
export interface SandboxAppCredentials extends SandboxCredentials {
  readonly strategy: string;
  readonly api: string;
}

/** The plugins' emulators themselves, in this process: their state (codes, tokens, consent) lives here. */
export interface Sandbox extends SandboxAccess {
  /** The controls of the emulator the plugin of `strategy` brought (PluginEmulator.control), for tests; undefined without one. */
  emulatorControl(strategy: string): unknown;
  /** Every sandbox app's credentials, for processes that reach these emulators from elsewhere. */
  credentials(): readonly SandboxAppCredentials[];
  readonly allowCallback: (callbackUrl: string) => void;
}

/**
 * The connection plugins by strategy, as far as the sandbox reads them: how each is named, and the
 * emulator it brings, if any. The sandbox knows no upstream but through these declarations.
 */
export type SandboxPlugins = ReadonlyMap<string, Pick<ConnectionPlugin, 'displayName' | 'sandbox'>>;

/** One upstream a plugin's emulator plays, and the client id of the app the sandbox registers for it. */
interface PlayedUpstream {
  readonly strategy: string;
  readonly api: string;
  readonly clientId: string;
}

/** Every upstream the plugins' sandboxes play, in the registry's order, each plugin's apps in its own. */
function playedBy(plugins: SandboxPlugins): PlayedUpstream[] {
  return [...plugins].flatMap(([strategy, plugin]) => (plugin.sandbox?.apps ?? []).map(({ api, clientId }) => ({ strategy, api, clientId })));
}

// A lookup in the list, not by key: "constructor" or "__proto__" must find nothing.
function find(played: readonly PlayedUpstream[], strategy: string, api: string): PlayedUpstream | undefined {
  return played.find((upstream) => upstream.strategy === strategy && upstream.api === api);
}

/**
 * What the plugins' emulators play wherever they run: as the sandbox, and apart (`npm run emulator`)
 * behind FITGATE_UPSTREAM_BASE_URL. The entry point hands it to createApp as AppDeps.emulated.
 */
export function emulatedBy(plugins: SandboxPlugins): EmulatedUpstreams {
  const played = playedBy(plugins);
  return { plays: (strategy, api) => find(played, strategy, api) !== undefined };
}

/** A started emulator, with the plugin that brought it. */
interface RunningEmulator {
  readonly strategy: string;
  readonly displayName: string;
  readonly hosts: ReadonlySet<string>;
  readonly emulator: PluginEmulator;
}

/**
 * The plugins' emulators, started in this process, with a secret of the sandbox's own making for each
 * app: the secrets never leave fitgate. Refuses two emulators that claim the same host, since a
 * request under it could reach only one.
 */
function startEmulators(plugins: SandboxPlugins): { running: RunningEmulator[]; secrets: Map<PlayedUpstream, string>; played: PlayedUpstream[] } {
  const played = playedBy(plugins);
  const secrets = new Map(played.map((upstream) => [upstream, randomBytes(24).toString('base64url')]));
  const claimed = new Map<string, string>();
  const running = [...plugins].flatMap(([strategy, plugin]) => {
    if (!plugin.sandbox) return [];
    const hosts = new Set(plugin.sandbox.hosts.map((host) => host.toLowerCase()));
    for (const host of hosts) {
      const other = claimed.get(host);
      if (other !== undefined) throw new Error(`the sandboxes of "${other}" and "${strategy}" both play ${host}`);
      claimed.set(host, strategy);
    }
    const apps = played.filter((upstream) => upstream.strategy === strategy).map((upstream) => ({ api: upstream.api, clientId: upstream.clientId, clientSecret: secrets.get(upstream)! }));
    return [{ strategy, displayName: plugin.displayName, hosts, emulator: plugin.sandbox.start(apps) }];
  });
  return { running, secrets, played };
}

/**
 * Sends `/HOST/PATH` to the emulator that plays HOST, its pages headed by the notice naming its own
 * plugin; under no such host, a 404 like an emulator's own. The emulators answer on fitgate's origin,
 * so each is walled off from fitgate there: it reads none of fitgate's cookies, sets cookies only
 * under its own paths, and its answers carry the host's CSP floor (cookie_wall.ts,
 * sandbox_response_wall.ts).
 */
function byHost(running: readonly RunningEmulator[]): RequestHandler {
  const served = running.map(({ displayName, hosts, emulator }) => ({ hosts, notice: pageNotice(sandboxNotice(displayName)), handler: emulator.handler }));
  return (req, res, next) => {
    const host = (/^\/([^/?#]+)/.exec(req.url)?.[1] ?? '').toLowerCase();
    const owner = served.find((emulator) => emulator.hosts.has(host));
    if (owner) {
      withoutFitgateCookies(req);
      wallResponse(res, owner.hosts, `${SANDBOX_PATH}/${host}`);
      noticeOnPages(res, req, owner.notice);
      owner.handler(req, res, next);
      return;
    }
    res.status(404).json({ error: 'not_found', message: 'Unknown host prefix. Paths start with a real host the sandbox plays.' });
  };
}

/**
 * The sandbox: every registered plugin's emulator, whose back channel is reached at `backChannelUrl`.
 * Each emulator's pages say that no real account of the plugin that brought it is used.
 */
export function buildSandbox(backChannelUrl: () => string, plugins: SandboxPlugins): Sandbox {
  const { running, secrets, played } = startEmulators(plugins);
  const emulatorOf = (strategy: string) => running.find((emulator) => emulator.strategy === strategy)?.emulator;
  const credentialsOf = (upstream: PlayedUpstream): SandboxCredentials => ({ clientID: upstream.clientId, clientSecret: secrets.get(upstream)! });
  const allow = (upstream: PlayedUpstream, callbackUrl: string) => emulatorOf(upstream.strategy)!.allowRedirectUri(upstream.clientId, callbackUrl);
  return {
    app: byHost(running),
    emulatorControl: (strategy) => emulatorOf(strategy)?.control,
    backChannelUrl,
    plays: (strategy, api) => find(played, strategy, api) !== undefined,
    credentialsFor(strategy, api, callbackUrl) {
      const upstream = find(played, strategy, api);
      if (!upstream) return undefined;
      allow(upstream, callbackUrl);
      return credentialsOf(upstream);
    },
    credentials() {
      return played.map((upstream) => ({ strategy: upstream.strategy, api: upstream.api, ...credentialsOf(upstream) }));
    },
    allowCallback: (callbackUrl) => {
      for (const upstream of played) allow(upstream, callbackUrl);
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
 * The sandbox of a single process when the sandbox is on: the emulators run in this process and are
 * reached over the process's own loopback address (`internalBaseUrl`, known once it listens).
 */
export function inProcessSandbox(config: { sandbox: boolean }, plugins: SandboxPlugins, internalBaseUrl: () => string): Sandbox | undefined {
  return config.sandbox ? buildSandbox(() => `${internalBaseUrl()}${SANDBOX_PATH}`, plugins) : undefined;
}
