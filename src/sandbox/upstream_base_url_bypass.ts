import type { EmulatedUpstreams } from '../upstream/sandbox_upstream.js';

/** The installed plugins by strategy, as far as this reads them: their name and API ids. */
export type InstalledPlugins = ReadonlyMap<string, { readonly displayName: string; readonly apis: ReadonlyArray<{ readonly id: string }> }>;

/** One plugin's APIs that FITGATE_UPSTREAM_BASE_URL does not reach. */
export interface BypassingUpstream {
  readonly strategy: string;
  readonly apis: readonly string[];
}

/** A warning for the start-up log: its fields and its line. */
export interface BypassWarning {
  readonly fields: { readonly variable: 'FITGATE_UPSTREAM_BASE_URL'; readonly bypassing: readonly BypassingUpstream[] };
  readonly message: string;
}

/**
 * With FITGATE_UPSTREAM_BASE_URL set (a staging or demo instance pointed at the plugins' emulators
 * run apart), the installed upstreams no plugin's sandbox plays: the host hands the base only to
 * those one plays (resolve_upstream.ts), so a connection with credentials of any other calls its real
 * upstream, which nothing else at start says. Undefined when the variable is unset or every upstream
 * is played.
 */
export function upstreamBaseUrlBypass(upstreamBaseUrl: string | undefined, plugins: InstalledPlugins, emulated: EmulatedUpstreams): BypassWarning | undefined {
  if (!upstreamBaseUrl) return undefined;
  const bypassing = [...plugins].flatMap(([strategy, plugin]) => {
    const apis = plugin.apis.filter((api) => !emulated.plays(strategy, api.id)).map((api) => api.id);
    return apis.length > 0 ? [{ strategy, name: plugin.displayName, apis }] : [];
  });
  if (bypassing.length === 0) return undefined;
  const named = bypassing.map(({ name, apis }) => `${name} (${apis.join(', ')})`).join(', ');
  return {
    fields: { variable: 'FITGATE_UPSTREAM_BASE_URL', bypassing: bypassing.map(({ strategy, apis }) => ({ strategy, apis })) },
    message: `FITGATE_UPSTREAM_BASE_URL reaches only the upstreams a plugin's sandbox plays, and no plugin's sandbox plays ${named}: their connections with credentials call the real upstream`,
  };
}
