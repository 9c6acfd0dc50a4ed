import { describe, expect, it } from '@jest/globals';
import { permissions } from '../../../../src/connections/fitbit/permissions.js';
import { areaLabel, grantedByArea, permissionAreas } from '../../../../src/dashboard/connections/permission_areas.js';

describe('permissions grouped by the Google area that grants them', () => {
  it('names an area after its Google scope', () => {
    expect(areaLabel('https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly')).toBe('Activity and fitness');
  });

  it('puts every Fitbit permission that one Google scope covers in one group, and those with none apart', () => {
    const areas = permissionAreas(permissions('google-health'), 'google-health');
    const names = (label: string) => areas.find((area) => area.label === label)?.permissions.map((permission) => permission.name);
    expect(names('Activity and fitness')).toEqual(['activity', 'cardio_fitness']);
    expect(names('No Google Health equivalent')).toEqual(['social']);
    expect(areas.flatMap((area) => area.permissions)).toHaveLength(permissions('google-health').length);
  });

  it('keeps each legacy Fitbit permission on its own', () => {
    const areas = permissionAreas(permissions('fitbit-legacy'), 'fitbit-legacy');
    expect(areas.every((area) => area.permissions.length === 1)).toBe(true);
  });

  it('marks which granted permissions were ticked and keeps unknown granted names under Other', () => {
    const areas = grantedByArea(permissions('google-health'), 'google-health', ['activity'], ['activity', 'cardio_fitness', 'mystery']);
    expect(areas).toEqual([
      { label: 'Activity and fitness', permissions: [{ name: 'activity', requested: true }, { name: 'cardio_fitness', requested: false }] },
      { label: 'Other', permissions: [{ name: 'mystery', requested: false }] },
    ]);
  });
});
