import type {
  ConnectionApi,
  ConnectionPlugin,
  FailureExplanation,
  PermissionArea,
  PluginAuthorizeOptions,
  PluginPermission,
  PluginWording,
  TryFailureKind,
  UpstreamWording,
} from '../connections/plugin.js';

/**
 * What the host reads of a plugin's optional members, with its own default where the plugin left
 * one out (plugin.ts says why each default is sound), and whether the plugin offers an API at all,
 * the check before any member is asked about one. The host reads the five members with a default,
 * wording, permissionAreas, authorizationPrompt, consentForRefreshToken and explainFailure, only
 * through these functions.
 * explainFailure's default is the one whose words live elsewhere: the host's general words for each
 * failed TRY name the dashboard's Settings tab and Try again button, so they stay with the page that
 * shows them (dashboard/try/try_failure_explanation.ts), which hands them to explanationOf here;
 * this file applies the rule of choosing between the plugin's words and the host's, and imports
 * nothing of the dashboard (upstream/ sits below it). The other two optional members,
 * readAuthorizeRefusal and adviseOnCredentials, have no default to apply: without them no refusal is
 * recognised before TRY leaves (authorize_preflight.ts) and no advice is given
 * (dashboard/connections/credential_advice.ts).
 */

/**
 * The plugin's API whose id is `api`, or undefined when there is no plugin or it does not offer
 * that API (one stored before an upgrade dropped it): no member is asked about such an API (plugin.ts).
 */
export function offeredApi(plugin: Pick<ConnectionPlugin, 'apis'> | undefined, api: string): ConnectionApi | undefined {
  return plugin?.apis.find((choice) => choice.id === api);
}

/** How the upstream behind `api` is named, every sentence settled: the plugin's words, else the host's. */
export function wordingOf(plugin: Pick<ConnectionPlugin, 'displayName' | 'wording'>, api: string): UpstreamWording {
  return settledWording(plugin.wording?.(api) ?? { name: plugin.displayName });
}

/** The plugin's permission areas for `api`, or those the host derives from its permissions. */
export function permissionAreasOf(plugin: Pick<ConnectionPlugin, 'permissions' | 'permissionAreas'>, api: string): readonly PermissionArea[] {
  return plugin.permissionAreas?.(api) ?? derivedAreas(plugin.permissions(api));
}

/**
 * The client's `prompt` as the plugin spells it for `api`'s upstream; undefined, send none. Without
 * authorizationPrompt none is ever sent: plain OAuth 2.0 has no such parameter.
 */
export function authorizationPromptOf(plugin: Pick<ConnectionPlugin, 'authorizationPrompt'>, api: string, prompt: readonly string[]): string | undefined {
  return plugin.authorizationPrompt?.(api, prompt);
}

/**
 * The authorize options of a second round that makes `api`'s upstream issue a refresh token to a
 * login whose `prompt` (the client's) brought none; undefined, no second round. Without
 * consentForRefreshToken there is none, and an answer that asks for nothing counts as none: a round
 * that changes nothing would bring no more than the first.
 */
export function consentForRefreshTokenOf(
  plugin: Pick<ConnectionPlugin, 'consentForRefreshToken'>,
  api: string,
  prompt: readonly string[],
): PluginAuthorizeOptions | undefined {
  const answer = plugin.consentForRefreshToken?.(api, prompt);
  return answer && Object.values(answer).some((value) => value !== undefined) ? answer : undefined;
}

/**
 * A failed TRY of `kind` explained: in the plugin's words where its explainFailure has some for the
 * API tried, else in `hostWords`, the host's general ones (the dashboard's: see above). The plugin's
 * explanation comes whole, its field included: a host default beside the plugin's fix could lead
 * somewhere that fix does not speak of. A plugin that does not offer the API tried is not asked
 * (plugin.ts), and is handed only the API and the tenant's callback URL.
 */
export function explanationOf(
  plugin: Pick<ConnectionPlugin, 'apis' | 'explainFailure'> | undefined,
  { api, callbackUrl }: { api: string; callbackUrl: string },
  kind: TryFailureKind,
  hostWords: () => FailureExplanation,
): FailureExplanation {
  const own = plugin && offeredApi(plugin, api) ? plugin.explainFailure?.(kind, { api, callbackUrl }) : undefined;
  return own ?? hostWords();
}

/**
 * The plugin's wording with the host's sentence where it wrote none: an upstream with no API known
 * to be ending has no better advice for a 410 than to look at the connection, and one that says
 * nothing of refresh tokens none about a login without one than what it costs the user.
 */
function settledWording(wording: PluginWording): UpstreamWording {
  return {
    ...wording,
    gone: wording.gone ?? `${wording.name} answered that this API is gone (HTTP 410 Gone); an administrator must check the connection's settings.`,
    noRefreshToken:
      wording.noRefreshToken ??
      `fitgate cannot renew the ${wording.name} tokens of a user who signs in like this: once the access token expires, they must sign in again.`,
  };
}

/**
 * One area per permission, labelled with its name, but one area for the permissions asking for
 * exactly the same upstream scopes: the upstream cannot grant one of them without the others, and
 * the dashboard must not show them as ticked one by one. A permission asking for nothing is an area
 * of its own, with no scope (the settings page says it is not requested).
 */
function derivedAreas(permissions: readonly PluginPermission[]): PermissionArea[] {
  const byScopes = new Map<string, { scope?: string; permissions: PluginPermission[] }>();
  permissions.forEach((permission, index) => {
    const scopes = [...new Set(permission.upstreamScopes)];
    // Keyed by the set, in any order; a permission without scopes shares its key with no other.
    const key = scopes.length > 0 ? JSON.stringify([...scopes].sort()) : String(index);
    const area = byScopes.get(key) ?? { ...(scopes.length > 0 && { scope: scopes.join(' ') }), permissions: [] };
    area.permissions.push(permission);
    byScopes.set(key, area);
  });
  return [...byScopes.values()].map(({ scope, permissions: together }) => ({
    label: together.length === 1 ? together[0]!.name : scope!,
    ...(scope !== undefined && { scope }),
    permissions: together,
  }));
}
