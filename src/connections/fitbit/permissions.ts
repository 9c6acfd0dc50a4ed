import type { PluginPermission } from '../plugin.js';
import type { FitbitApi } from './api.js';
import { FITBIT_SCOPES, SCOPE_DESCRIPTIONS, upstreamScopes } from './scopes.js';

/**
 * Every Fitbit scope with its description and the upstream scopes it maps to in this mode (none for
 * a scope Google has no counterpart of, such as social).
 */
export function permissions(api: FitbitApi): PluginPermission[] {
  return FITBIT_SCOPES.map((name) => ({
    name,
    description: SCOPE_DESCRIPTIONS[name],
    upstreamScopes: api === 'google-health' ? upstreamScopes(api, [name]).filter((scope) => scope.startsWith('https://')) : [name],
  }));
}
