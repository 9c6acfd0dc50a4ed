import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import { areaLabel } from '../../../../src/connections/fitbit/permission_areas.js';

describe('the Fitbit permissions grouped as each API grants them', () => {
  it('names an area after its Google scope', () => {
    expect(areaLabel('https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly')).toBe('Activity and fitness');
  });

  it('writes the abbreviated area names in capitals', () => {
    expect(areaLabel('https://www.googleapis.com/auth/googlehealth.ecg.readonly')).toBe('ECG');
    expect(areaLabel('https://www.googleapis.com/auth/googlehealth.irn.readonly')).toBe('IRN');
  });

  it('puts every Fitbit permission that one Google scope covers in one group, and those with none apart', () => {
    const areas = fitbitPlugin.permissionAreas('google-health');
    const names = (label: string) => areas.find((area) => area.label === label)?.permissions.map((permission) => permission.name);
    expect(names('Activity and fitness')).toEqual(['activity', 'cardio_fitness']);
    expect(names('No Google Health equivalent')).toEqual(['social']);
    expect(areas.find((area) => area.label === 'Activity and fitness')?.scope).toBe('https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly');
    expect(areas.find((area) => area.label === 'No Google Health equivalent')?.scope).toBeUndefined();
  });

  it('keeps each legacy Fitbit permission on its own, under its own scope', () => {
    const areas = fitbitPlugin.permissionAreas('fitbit-legacy');
    expect(areas.every((area) => area.permissions.length === 1 && area.scope === area.permissions[0]?.name)).toBe(true);
  });

  it('puts every permission in exactly one area in both modes', () => {
    for (const api of ['google-health', 'fitbit-legacy']) {
      const grouped = fitbitPlugin.permissionAreas(api).flatMap((area) => area.permissions.map((permission) => permission.name));
      expect(grouped.sort()).toEqual(fitbitPlugin.permissions(api).map((permission) => permission.name).sort());
    }
  });

  it('refuses an API it does not declare', () => {
    expect(() => fitbitPlugin.permissionAreas('fitbit-v9')).toThrow(TypeError);
  });
});
