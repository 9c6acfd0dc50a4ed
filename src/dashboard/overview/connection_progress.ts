import type { AppDeps } from '../../app_deps.js';
import type { ConnectionPlugin } from '../../connections/plugin.js';
import { usesSandbox } from '../../domain/sandbox_use.js';
import type { Connection, LogEvent } from '../../domain/types.js';
import { findSocialConnection } from '../connections/social_connection.js';
import { triedCurrentSettings } from '../try/tried_settings.js';

/**
 * How far each plugin's connection is along the checklist's connection steps (credentials, TRY,
 * enabling), and which of them a step is about: the steps are done by any connection of the tenant,
 * and lead to the one connection they are about when there is one, else to the list of them all.
 */
export interface ConnectionProgress {
  readonly plugin: ConnectionPlugin;
  /** The connection the dashboard shows for the plugin; undefined until its settings are saved once. */
  readonly connection: Connection | undefined;
  readonly sandbox: boolean;
  /** A Client ID of its own, or the sandbox. */
  readonly credentials: boolean;
  /** A successful TRY of its current settings among the recent logins. */
  readonly tried: boolean;
  /** Enabled for an application people sign in to. */
  readonly enabled: boolean;
}

/** A stage a connection has reached, or not. */
export type Stage = (progress: ConnectionProgress) => boolean;

export const STAGES = {
  saved: (progress) => progress.connection !== undefined,
  credentials: (progress) => progress.credentials,
  tried: (progress) => progress.tried,
  enabled: (progress) => progress.enabled,
} as const satisfies Record<string, Stage>;

export interface ProgressFacts {
  /** The Client IDs of the tenant's applications users sign in to (signsUsersIn: those /authorize takes, whatever their type). */
  readonly signingInClients: readonly string[];
  readonly recentLogins: readonly Pick<LogEvent, 'date' | 'connectionId' | 'details'>[];
}

/** Each registered plugin's connection in `tenant`, in the registry's order, and how far it is. */
export async function connectionProgress(
  deps: Pick<AppDeps, 'store' | 'plugins' | 'sandbox'>,
  tenant: string,
  facts: ProgressFacts,
): Promise<ConnectionProgress[]> {
  return Promise.all(
    [...deps.plugins.values()].map(async (plugin) => {
      const connection = await findSocialConnection(deps.store, tenant, plugin.strategy);
      const sandbox = usesSandbox(deps.sandbox, connection);
      return {
        plugin,
        connection,
        sandbox,
        credentials: Boolean(connection?.options.clientId) || sandbox,
        // A TRY of settings since changed (another API, client or secret) proves nothing about these.
        tried: connection !== undefined && facts.recentLogins.some((event) => triedCurrentSettings(event, connection)),
        enabled: connection !== undefined && facts.signingInClients.some((clientId) => connection.enabledClients.includes(clientId)),
      };
    }),
  );
}

/**
 * The connections a step is about: those that have done it; else those furthest toward it (`toward`
 * lists the earlier stages, nearest first); else, before any connection is saved, every plugin's.
 * With one plugin that is always its own, so the checklist reads as it did before several.
 */
export function stepSubjects(progress: readonly ConnectionProgress[], done: Stage, toward: readonly Stage[]): ConnectionProgress[] {
  for (const stage of [done, ...toward]) {
    const reached = progress.filter(stage);
    if (reached.length > 0) return reached;
  }
  return [...progress];
}

/** Where a step leads: the settings (or `page`) of the one connection it is about, or the list of every plugin's. */
export interface StepLink {
  readonly href: string;
  /** Set when the link is to one connection: the step's words name it then. */
  readonly plugin?: ConnectionPlugin;
}

export function stepLink(tenantBase: string, subjects: readonly ConnectionProgress[], page = ''): StepLink {
  const [only, ...others] = subjects;
  if (!only || others.length > 0) return { href: `${tenantBase}/social` };
  return { href: `${tenantBase}/social/${encodeURIComponent(only.plugin.strategy)}${page}`, plugin: only.plugin };
}
