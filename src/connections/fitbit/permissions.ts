import type { FitbitApi } from './api.js';
import { FITBIT_SCOPES, SCOPE_DESCRIPTIONS, upstreamScopes } from './scopes.js';

export interface Permission {
  /** The Fitbit scope name the admin ticks. */
  name: string;
  description: string;
  /** What the upstream is asked for in this mode; empty when it has no counterpart (social on Google). */
  upstreamScopes: string[];
}

/** Every Fitbit scope with its description and the upstream scopes it maps to in this mode. */
export function permissions(api: FitbitApi): Permission[] {
  return FITBIT_SCOPES.map((name) => ({
    name,
    description: SCOPE_DESCRIPTIONS[name],
    upstreamScopes: api === 'google-health' ? upstreamScopes(api, [name]).filter((scope) => scope.startsWith('https://')) : [name],
  }));
}
