/**
 * Google grants Health API access by area (one scope covers several Fitbit permissions: ticking
 * "heartrate" also grants weight, SpO2, temperature...), so the dashboard shows the Fitbit
 * permissions grouped under the Google area that carries them. The legacy Fitbit API grants each
 * permission on its own: one group per permission there.
 */
export interface PermissionLike {
  readonly name: string;
  readonly description: string;
  readonly upstreamScopes: readonly string[];
}

export interface PermissionArea<P extends PermissionLike> {
  /** "Health metrics and measurements"; for permissions with no upstream scope, a sentence saying so. */
  readonly label: string;
  /** The upstream scope that grants the whole area; undefined when nothing is requested. */
  readonly scope?: string;
  readonly permissions: P[];
}

const NO_EQUIVALENT = 'No Google Health equivalent';

export function permissionAreas<P extends PermissionLike>(permissions: readonly P[], api: string): PermissionArea<P>[] {
  if (api !== 'google-health') return permissions.map((permission) => ({ label: permission.name, scope: permission.name, permissions: [permission] }));
  const areas = new Map<string, PermissionArea<P>>();
  for (const permission of permissions) {
    const scope = permission.upstreamScopes[0];
    const key = scope ?? NO_EQUIVALENT;
    const area = areas.get(key) ?? { label: scope ? areaLabel(scope) : NO_EQUIVALENT, ...(scope ? { scope } : {}), permissions: [] };
    area.permissions.push(permission);
    areas.set(key, area);
  }
  return [...areas.values()];
}

/** https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly → "Activity and fitness". */
export function areaLabel(scope: string): string {
  const area = /googlehealth\.([a-z_]+?)(?:\.readonly)?$/.exec(scope)?.[1];
  if (!area) return scope;
  const words = area.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * For "It works!": the granted Fitbit permissions grouped by area, each marked as ticked or as
 * granted only because it shares an area with a ticked one.
 */
export function grantedByArea<P extends PermissionLike>(
  permissions: readonly P[],
  api: string,
  requested: readonly string[],
  granted: readonly string[],
): { label: string; permissions: { name: string; requested: boolean }[] }[] {
  const mark = (name: string) => ({ name, requested: requested.includes(name) });
  const areas = permissionAreas(
    permissions.filter((permission) => granted.includes(permission.name)),
    api,
  ).map((area) => ({ label: area.label, permissions: area.permissions.map((permission) => mark(permission.name)) }));
  const known = new Set(permissions.map((permission) => permission.name));
  const others = granted.filter((name) => !known.has(name));
  return others.length > 0 ? [...areas, { label: 'Other', permissions: others.map(mark) }] : areas;
}
