import { activityOn, dayStartMs, heartRateByMinute, stepsByHour, utcDay } from './data.js';
import type { GoogleHealthArea } from './scopes.js';
import type { TestUser } from './types.js';

/**
 * Google Health data points built from the same seeded data as the Fitbit endpoints, newest first.
 * The field names follow the v4 DataPoint resource (one member per data type, times in RFC 3339).
 */

const DAY_MS = 86_400_000;

export interface HealthDataType {
  /** Which scope area grants it. */
  readonly area: GoogleHealthArea;
  /** Every point the emulator serves for this type, newest first. */
  points(user: TestUser, nowMs: number): Record<string, unknown>[];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const pastDays = (nowMs: number, count: number): string[] =>
  Array.from({ length: count }, (_, index) => utcDay(dayStartMs(utcDay(nowMs)) - (index + 1) * DAY_MS));
const dataSource = { platform: 'FITBIT', device: { displayName: 'Fitbit Charge 6' } };

export const HEALTH_DATA_TYPES: Record<string, HealthDataType> = {
  steps: {
    area: 'activity_and_fitness',
    points: (user, nowMs) =>
      pastDays(nowMs, 7).flatMap((day) =>
        stepsByHour(user, day)
          .map((count, hour) => ({ hour, count }))
          .reverse()
          .map(({ hour, count }) => {
            const start = dayStartMs(day) + hour * 3_600_000;
            return {
              name: `users/me/dataTypes/steps/dataPoints/${user.healthUserId}-${day}-${hour}`,
              dataSource,
              steps: { interval: { startTime: iso(start), endTime: iso(start + 3_600_000) }, count: String(count) },
            };
          }),
      ),
  },
  'heart-rate': {
    area: 'health_metrics_and_measurements',
    points: (user, nowMs) =>
      pastDays(nowMs, 1).flatMap((day) =>
        heartRateByMinute(user, day)
          .map((beatsPerMinute, minute) => ({ beatsPerMinute, minute }))
          .filter(({ minute }) => minute % 5 === 0)
          .reverse()
          .map(({ beatsPerMinute, minute }) => ({
            name: `users/me/dataTypes/heart-rate/dataPoints/${user.healthUserId}-${day}-${minute}`,
            dataSource,
            heartRate: { sampleTime: { physicalTime: iso(dayStartMs(day) + minute * 60_000) }, beatsPerMinute },
          })),
      ),
  },
  exercise: {
    area: 'activity_and_fitness',
    points: (user, nowMs) =>
      pastDays(nowMs, 30).map((day) => {
        const activity = activityOn(user, day);
        return {
          name: `users/me/dataTypes/exercise/dataPoints/${activity.logId}`,
          dataSource,
          exercise: {
            interval: { startTime: iso(activity.startMs), endTime: iso(activity.startMs + activity.durationMs) },
            exerciseType: activity.googleType,
            displayName: activity.name,
            activeDuration: `${activity.durationMs / 1000}s`,
            metricsSummary: {
              steps: String(activity.steps),
              caloriesKcal: activity.calories,
              distanceMillimeters: String(Math.round(activity.distanceKm * 1_000_000)),
              averageHeartRateBeatsPerMinute: activity.averageHeartRate,
            },
          },
        };
      }),
  },
};
