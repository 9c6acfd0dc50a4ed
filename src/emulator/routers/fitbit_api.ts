import { Router } from 'express';
import { consumeQuota } from '../bearer.js';
import { activityOn, dayStartMs, heartRateByMinute, restingHeartRate, utcDay } from '../data.js';
import { UpstreamError } from '../errors.js';
import { fitbitProfile } from '../profiles.js';
import type { EmulatorState } from '../state.js';
import { fitbitActivitiesRouter } from './fitbit_activities.js';
import { DATE, legacyCaller as caller, validation } from './fitbit_caller.js';

/** api.fitbit.com Web API: profile, activity log list, heart rate time series. */
export function fitbitApiRouter(state: EmulatorState): Router {
  const router = Router();
  router.use(fitbitActivitiesRouter(state));

  router.get('/1/user/:userId/profile.json', (req, res) => {
    const { token, user } = caller(state, req, 'profile');
    consumeQuota(state, token, res);
    res.json({ user: fitbitProfile(user, state.now()) });
  });

  router.get('/1/user/:userId/activities/heart/date/:date/1d/:detail.json', (req, res) => {
    const { token, user } = caller(state, req, 'heartrate');
    const detail = req.params.detail;
    // The seeded data has one reading a minute, so second-level detail is not offered.
    if (detail !== '1min' && detail !== '5min' && detail !== '15min') {
      throw validation('detail-level', 'Invalid detail-level: use 1min, 5min or 15min.');
    }
    if (state.apps.get(token.clientId)?.intraday === false) {
      throw new UpstreamError(403, 'insufficient_permissions', 'Intraday data is not available to this application.');
    }
    const day = req.params.date === 'today' ? utcDay(state.now()) : req.params.date;
    if (!day || !DATE.test(day) || Number.isNaN(dayStartMs(day))) throw validation('date', 'Invalid date: expected yyyy-MM-dd or today.');
    consumeQuota(state, token, res);

    const step = detail === '5min' ? 5 : detail === '15min' ? 15 : 1;
    const minutes = heartRateByMinute(user, day);
    const dataset = minutes
      .filter((_, minute) => minute % step === 0)
      .map((value, index) => {
        const minute = index * step;
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
        return { time, value };
      });
    const resting = restingHeartRate(user, day);
    const activity = activityOn(user, day);
    res.json({
      'activities-heart': [
        {
          dateTime: day,
          value: {
            customHeartRateZones: [],
            heartRateZones: [
              { name: 'Out of Range', min: 30, max: 98, minutes: 1440 - activity.durationMs / 60_000, caloriesOut: 1500 },
              { name: 'Fat Burn', min: 98, max: 127, minutes: Math.round(activity.durationMs / 120_000), caloriesOut: 180 },
              { name: 'Cardio', min: 127, max: 157, minutes: Math.round(activity.durationMs / 120_000), caloriesOut: 220 },
              { name: 'Peak', min: 157, max: 220, minutes: 0, caloriesOut: 0 },
            ],
            restingHeartRate: resting,
          },
        },
      ],
      'activities-heart-intraday': { dataset, datasetInterval: step, datasetType: 'minute' },
    });
  });

  return router;
}
