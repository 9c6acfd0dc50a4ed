import type { PermissionArea, PluginPermission } from '../plugin.js';
import type { FitbitApi } from './api.js';
import { permissions } from './permissions.js';

const NO_EQUIVALENT = 'No Google Health equivalent';

/**
 * Google grants Health API access by area (one scope covers several Fitbit permissions: ticking
 * "heartrate" also grants weight, SpO2, temperature...), so a host shows the Fitbit permissions
 * grouped under the Google area that carries them ("Health metrics and measurements"; those with no
 * upstream scope under a label saying so). The legacy Fitbit API grants each permission on its own:
 * one group per permission there.
 */
export function permissionAreas(api: FitbitApi): PermissionArea[] {
  const all = permissions(api);
  if (api === 'fitbit-legacy') return all.map((permission) => ({ label: permission.name, scope: permission.name, permissions: [permission] }));
  const areas = new Map<string, PermissionArea & { permissions: PluginPermission[] }>();
  for (const permission of all) {
    const scope = permission.upstreamScopes[0];
    const key = scope ?? NO_EQUIVALENT;
    const area = areas.get(key) ?? { label: scope ? areaLabel(scope) : NO_EQUIVALENT, ...(scope ? { scope } : {}), permissions: [] };
    area.permissions.push(permission);
    areas.set(key, area);
  }
  return [...areas.values()];
}

/** Google's area names that are abbreviations: electrocardiogram, irregular rhythm notifications. */
const ACRONYMS: ReadonlySet<string> = new Set(['ecg', 'irn']);

/**
 * https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly → "Activity and
 * fitness"; an abbreviation in capitals (…googlehealth.ecg.readonly → "ECG").
 */
export function areaLabel(scope: string): string {
  const area = /googlehealth\.([a-z_]+?)(?:\.readonly)?$/.exec(scope)?.[1];
  if (!area) return scope;
  const words = area.split('_').map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word)).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
