import { Router } from 'express';
import { consumeQuota } from '../bearer.js';
import { recentActivities } from '../data.js';
import type { EmulatorState } from '../state.js';
import { DATE, legacyCaller as caller, validation } from './fitbit_caller.js';

/**
 * GET /1/user/-/activities/list.json: the activity log after or before a date, paged the way
 * Fitbit pages it (offset stays 0; follow pagination.next).
 */
export function fitbitActivitiesRouter(state: EmulatorState): Router {
  const router = Router();

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

  return router;
}
