import { describe, expect, it } from '@jest/globals';
import type { PluginPermission } from '../../../src/connections/plugin.js';
import { permissionAreasOf } from '../../../src/upstream/plugin_defaults.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const permission = (name: string, upstreamScopes: string[]): PluginPermission => ({ name, description: `${name} data`, upstreamScopes });

/** A plugin declaring `permissions` and no areas of its own. */
const withPermissions = (...permissions: PluginPermission[]) => ({ permissions: () => permissions });

describe('the permission areas of a plugin that declares none', () => {
  it('gives each permission an area of its own, named after it, with its upstream scope', () => {
    const steps = permission('steps', ['activity:read']);
    const weight = permission('weight', ['body:read']);
    expect(permissionAreasOf(withPermissions(steps, weight), 'any')).toEqual([
      { label: 'steps', scope: 'activity:read', permissions: [steps] },
      { label: 'weight', scope: 'body:read', permissions: [weight] },
    ]);
  });

  it('puts permissions asking for the same upstream scopes, in any order, in one area named by them: one cannot be granted without the others', () => {
    const steps = permission('steps', ['activity', 'location']);
    const distance = permission('distance', ['location', 'activity']);
    const weight = permission('weight', ['body']);
    expect(permissionAreasOf(withPermissions(steps, weight, distance), 'any')).toEqual([
      { label: 'activity location', scope: 'activity location', permissions: [steps, distance] },
      { label: 'weight', scope: 'body', permissions: [weight] },
    ]);
  });

  it('leaves each permission asking for nothing in an area of its own, without a scope, never grouped with another', () => {
    const notes = permission('notes', []);
    const badges = permission('badges', []);
    expect(permissionAreasOf(withPermissions(notes, badges), 'any')).toEqual([
      { label: 'notes', permissions: [notes] },
      { label: 'badges', permissions: [badges] },
    ]);
  });

  it('asks the plugin’s permissions about the API it was given', () => {
    const asked: string[] = [];
    permissionAreasOf({ permissions: (api) => (asked.push(api), []) }, 'trailmark-v3');
    expect(asked).toEqual(['trailmark-v3']);
  });

  it('keeps the areas of a plugin that declares them', () => {
    const plugin = fakePlugin();
    expect(permissionAreasOf(plugin, 'acme-v2').map((area) => area.label)).toEqual(['Activity', 'Body']);
  });
});
