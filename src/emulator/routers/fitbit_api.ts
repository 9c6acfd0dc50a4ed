import { Router, type Request } from 'express';
import { authenticateBearer, consumeQuota, requireScope } from '../bearer.js';
import { activityOn, dayStartMs, heartRateByMinute, recentActivities, restingHeartRate, utcDay } from '../data.js';
import { UpstreamError } from '../errors.js';
import { fitbitProfile } from '../profiles.js';
import type { AccessTokenRecord } from '../records.js';
import type { EmulatorState } from '../state.js';
import type { TestUser } from '../types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validation(fieldName: string, message: string): UpstreamError {
  const error = new UpstreamError(400, 'validation', message);
  error.fieldName = fieldName;
  return error;
}

/** Authenticates, checks the path's user, the scope and the hourly quota; returns the caller. */
function caller(state: EmulatorState, req: Request, scope: string): { token: AccessTokenRecord; user: TestUser } {
  const token = authenticateBearer(state, req, 'fitbit-legacy');
  const user = state.users.get(token.login);
  const pathUser = req.params.userId;
  if (!user) throw new UpstreamError(401, 'invalid_token', 'Access token invalid.');
  if (pathUser !== '-' && pathUser !== user.legacyUserId) {
    throw new UpstreamError(403, 'insufficient_permissions', 'This application does not have permission to access data of that user.');
  }
  requireScope(token, token.scopes.includes(scope), scope);
  return { token, user };
}

/** api.fitbit.com Web API: profile, activity log list, heart rate time series. */
export function fitbitApiRouter(state: EmulatorState): Router {
  const router = Router();

  router.get('/1/user/:userId/profile.json', (req, res) => {
    const { token, user } = caller(state, req, 'profile');
    consumeQuota(state, token, res);
    res.json({ user: fitbitProfile(user, state.now()) });
  });

  router.get('/1/user/:userId/activities/list.json', (req, res) => {
    const { token, user } = caller(state, req, 'activity');
    const query = req.query as Record<string, unknown>;
    const afterDate = typeof query.afterDate === 'string' ? query.afterDate : undefined;
    const beforeDate = typeof query.beforeDate === 'string' ? query.beforeDate : undefined;
    if ((afterDate === undefined) === (beforeDate === undefined)) {
      throw validation('afterDate', 'Exactly one of afterDate or beforeDate is required.');
    }
    const anchor = (afterDate ?? beforeDate)!;
    if (!DATE.test(anchor.slice(0, 10))) throw validation(afterDate ? 'afterDate' : 'beforeDate', 'Invalid date: expected yyyy-MM-dd.');
    const limit = Number(query.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validation('limit', 'limit must be between 1 and 100.');
    const offset = Number(query.offset ?? 0);
    if (offset !== 0) throw validation('offset', 'Only offset=0 is supported; follow pagination.next instead.');
    const sort = query.sort === undefined ? (afterDate ? 'asc' : 'desc') : query.sort;
    // Fitbit pairs the sort with the anchor: ascending after a date, descending before one.
    if (sort !== (afterDate ? 'asc' : 'desc')) throw validation('sort', afterDate ? 'sort must be asc with afterDate.' : 'sort must be desc with beforeDate.');
    consumeQuota(state, token, res);

    const anchorMs = Date.parse(anchor.length === 10 ? `${anchor}T00:00:00.000Z` : `${anchor}Z`);
    const all = recentActivities(user, state.now(), 60).filter((activity) =>
      afterDate ? activity.startMs > anchorMs : activity.startMs < anchorMs,
    );
    const ordered = sort === 'asc' ? all : [...all].reverse();
    const page = ordered.slice(0, limit);
    const last = page[page.length - 1];
    const base = `${req.protocol}://${req.get('host') ?? 'api.fitbit.com'}${req.originalUrl.split('?')[0]}`;
    const nextAnchor = last ? new Date(last.startMs).toISOString().slice(0, 19) : undefined;
    res.json({
      activities: page.map((activity) => ({
        logId: activity.logId,
        activityName: activity.name,
        activityTypeId: activity.typeId,
        logType: 'auto_detected',
        startTime: new Date(activity.startMs).toISOString().replace('Z', '+00:00'),
        originalStartTime: new Date(activity.startMs).toISOString().replace('Z', '+00:00'),
        duration: activity.durationMs,
        activeDuration: activity.durationMs,
        originalDuration: activity.durationMs,
        steps: activity.steps,
        calories: activity.calories,
        averageHeartRate: activity.averageHeartRate,
        distance: activity.distanceKm,
        distanceUnit: 'Kilometer',
        lastModified: new Date(activity.startMs + activity.durationMs).toISOString().replace('Z', '+00:00'),
      })),
      pagination: {
        ...(afterDate ? { afterDate } : { beforeDate }),
        limit,
        offset: 0,
        sort,
        next:
          ordered.length > limit && nextAnchor
            ? `${base}?${afterDate ? 'afterDate' : 'beforeDate'}=${nextAnchor}&sort=${sort}&limit=${limit}&offset=0`
            : '',
        previous: '',
      },
    });
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
