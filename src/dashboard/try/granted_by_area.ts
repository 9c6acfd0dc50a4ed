import type { PermissionArea } from '../../connections/plugin.js';

export interface GrantedArea {
  label: string;
  permissions: { name: string; requested: boolean }[];
}

/**
 * For "It works!": the granted permissions in the plugin's areas (what its upstream grants
 * together), each marked as ticked or as granted only because it shares an area with a ticked one.
 * Granted names the plugin does not list are kept, under "Other".
 */
export function grantedByArea(areas: readonly PermissionArea[], requested: readonly string[], granted: readonly string[]): GrantedArea[] {
  const mark = (name: string) => ({ name, requested: requested.includes(name) });
  const shown = areas
    .map((area) => ({ label: area.label, permissions: area.permissions.filter((permission) => granted.includes(permission.name)).map((permission) => mark(permission.name)) }))
    .filter((area) => area.permissions.length > 0);
  const known = new Set(areas.flatMap((area) => area.permissions.map((permission) => permission.name)));
  const others = granted.filter((name) => !known.has(name));
  return others.length > 0 ? [...shown, { label: 'Other', permissions: others.map(mark) }] : shown;
}

/** Whether one consent can grant more than was ticked: then the result says why more may be listed. */
export function grantsByArea(areas: readonly PermissionArea[]): boolean {
  return areas.some((area) => area.permissions.length > 1);
}

/**
 * Whether each area only repeats the name of its one permission (an upstream whose scopes are
 * fitgate's permission names): then the result lists the names once, without area headings.
 */
export function areasRepeatNames(areas: readonly GrantedArea[]): boolean {
  return areas.every((area) => area.permissions.length === 1 && area.permissions[0]?.name === area.label);
}
