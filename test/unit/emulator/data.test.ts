import { describe, expect, it } from '@jest/globals';
import { heartRateByMinute, recentActivities, stepsByHour } from '../../../src/emulator/data.js';
import { DEFAULT_USERS } from '../../../src/emulator/seed.js';

const [alice, bob] = DEFAULT_USERS;
const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('seeded health data', () => {
  it('is the same for the same user and day, and differs between users', () => {
    expect(heartRateByMinute(alice!, '2026-11-19')).toEqual(heartRateByMinute(alice!, '2026-11-19'));
    expect(stepsByHour(alice!, '2026-11-19')).not.toEqual(stepsByHour(bob!, '2026-11-19'));
  });

  it('has one activity a day before today, oldest first, each inside its own day', () => {
    const activities = recentActivities(alice!, NOW, 5);
    expect(activities.map((activity) => new Date(activity.startMs).toISOString().slice(0, 10))).toEqual([
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
    ]);
  });

  it('gives a plausible heart rate every minute and steps every hour', () => {
    const minutes = heartRateByMinute(bob!, '2026-11-19');
    expect(minutes).toHaveLength(1440);
    expect(Math.min(...minutes)).toBeGreaterThan(30);
    expect(Math.max(...minutes)).toBeLessThan(220);
    expect(stepsByHour(bob!, '2026-11-19')).toHaveLength(24);
  });
});
