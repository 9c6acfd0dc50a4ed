import { describe, expect, it } from '@jest/globals';
import { areasRepeatNames, grantedByArea, grantsByArea } from '../../../../src/dashboard/try/granted_by_area.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/** "It works!" lists what the upstream granted in the plugin's areas, whatever the plugin. */
describe('the granted permissions of a TRY, by area', () => {
  const plugin = fakePlugin();

  it('marks which granted permissions were ticked and keeps unknown granted names under Other', () => {
    const areas = grantedByArea(plugin.permissionAreas('acme-v2'), ['steps'], ['steps', 'distance', 'mystery']);
    expect(areas).toEqual([
      { label: 'Activity', permissions: [{ name: 'steps', requested: true }, { name: 'distance', requested: false }] },
      { label: 'Other', permissions: [{ name: 'mystery', requested: false }] },
    ]);
  });

  it('leaves out the areas of which nothing was granted', () => {
    expect(grantedByArea(plugin.permissionAreas('acme-v1'), ['weight'], ['weight']).map((area) => area.label)).toEqual(['weight']);
  });

  it('tells areas that only repeat their one permission\'s name from named areas', () => {
    expect(areasRepeatNames(grantedByArea(plugin.permissionAreas('acme-v1'), ['weight'], ['weight']))).toBe(true);
    expect(areasRepeatNames(grantedByArea(plugin.permissionAreas('acme-v2'), ['steps'], ['steps']))).toBe(false);
  });

  it('tells an API that grants permissions together from one that grants each on its own', () => {
    expect(grantsByArea(plugin.permissionAreas('acme-v2'))).toBe(true);
    expect(grantsByArea(plugin.permissionAreas('acme-v1'))).toBe(false);
  });
});
