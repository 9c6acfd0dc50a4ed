import type { PluginPermission } from '../plugin.js';

/** What grantedPermissions reads: the plugin's permissions and the login's scopes, asked and granted. */
export interface GrantReport {
  /** permissions(api): each permission's upstreamScopes say what grants it. */
  readonly permissions: readonly PluginPermission[];
  /** The permission names the login asked for (PluginStrategyOptions.scope). */
  readonly requested: readonly string[];
  /**
   * What the upstream reported as granted, as it spelled it: the `scope` verify receives from
   * OAuth2LoginStrategy (the token answer's, or the callback URL's under `grantedScopeFrom:
   * 'callback'`); undefined when the upstream reported none.
   */
  readonly reported: string | undefined;
  /** How the upstream joins the scopes it reports: " " unless given ("," at Strava). */
  readonly separator?: string | undefined;
}

/**
 * The permission names a login's grant covers (PluginTokens.grantedScopes), for an upstream that
 * grants scope by scope: a permission is granted when the upstream reported every one of its
 * upstreamScopes, so one of an area goes with its area, and one that asks the upstream for nothing
 * is never reported granted. Nothing reported: what was requested, since RFC 6749 §5.1 lets a
 * server leave `scope` out of its answer when it granted what the client asked for. An upstream
 * whose grant reads otherwise (areas of its own, scopes spelled anew) maps it itself, as the Fitbit
 * plugin does.
 */
export function grantedPermissions({ permissions, requested, reported, separator = ' ' }: GrantReport): string[] {
  if (reported === undefined) return [...new Set(requested)];
  const granted = new Set(
    reported
      .split(separator)
      .map((scope) => scope.trim())
      .filter(Boolean),
  );
  const names = permissions
    .filter((permission) => permission.upstreamScopes.length > 0 && permission.upstreamScopes.every((scope) => granted.has(scope)))
    .map((permission) => permission.name);
  return [...new Set(names)];
}
