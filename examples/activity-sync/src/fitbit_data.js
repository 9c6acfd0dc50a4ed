/**
 * Reads the signed-in user's recent activities and today's heart rate straight from the upstream
 * with the access token fitgate handed out. The connection's `api` says which upstream holds the
 * data: the legacy Fitbit Web API (activity log list) or the Google Health API (exercise data points).
 */

const ACTIVITY_COUNT = 10;

/** Why the upstream refused; each kind gets its own message on the Verify page. */
export class UpstreamRefusal extends Error {
  /**
   * @param {'token_rejected' | 'permission_missing' | 'rate_limited' | 'gone' | 'unavailable'} kind
   * @param {string} message
   * @param {number} [retryAfterSeconds]
   */
  constructor(kind, message, retryAfterSeconds) {
    super(message);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** @param {string | undefined} upstreamBaseUrl see config.js */
export function createFitbitData(upstreamBaseUrl) {
  const at = (url) => (upstreamBaseUrl ? `${upstreamBaseUrl}/${url.slice('https://'.length)}` : url);

  async function get(url, accessToken) {
    let response;
    try {
      response = await fetch(at(url), { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      // Name where it looked: a token from fitgate's sandbox, read from the real host, fails here for good.
      throw new UpstreamRefusal('unavailable', `no answer from ${new URL(at(url)).origin}: ${error.message}`);
    }
    const body = await response.json().catch(() => undefined);
    if (response.ok) return body;
    throw refusal(response, body);
  }

  return {
    /** Newest first: `[{ name, start, durationMinutes, steps, calories }]`. */
    async recentActivities(identity) {
      if (identity.api === 'fitbit-legacy') {
        // Fitbit pairs beforeDate with sort=desc; tomorrow includes everything logged today.
        const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
        const body = await get(
          `https://api.fitbit.com/1/user/-/activities/list.json?beforeDate=${tomorrow}&sort=desc&limit=${ACTIVITY_COUNT}&offset=0`,
          identity.accessToken,
        );
        return (body.activities ?? []).map((activity) => ({
          name: activity.activityName,
          start: new Date(activity.startTime),
          durationMinutes: Math.round(activity.duration / 60_000),
          steps: activity.steps,
          calories: activity.calories,
        }));
      }
      const body = await get(
        `https://health.googleapis.com/v4/users/me/dataTypes/exercise/dataPoints?pageSize=${ACTIVITY_COUNT}`,
        identity.accessToken,
      );
      return (body.dataPoints ?? []).map(({ exercise }) => ({
        name: exercise.displayName ?? exercise.exerciseType,
        start: new Date(exercise.interval.startTime),
        durationMinutes: Math.round(Number.parseFloat(exercise.activeDuration) / 60),
        steps: exercise.metricsSummary?.steps === undefined ? undefined : Number(exercise.metricsSummary.steps),
        calories: exercise.metricsSummary?.caloriesKcal,
      }));
    },

    /** A heart rate in bpm (legacy: today's resting rate; Google: the latest reading), or undefined when there is none yet. */
    async heartRate(identity) {
      if (identity.api === 'fitbit-legacy') {
        const body = await get('https://api.fitbit.com/1/user/-/activities/heart/date/today/1d/15min.json', identity.accessToken);
        return body['activities-heart']?.[0]?.value?.restingHeartRate;
      }
      const body = await get('https://health.googleapis.com/v4/users/me/dataTypes/heart-rate/dataPoints?pageSize=1', identity.accessToken);
      return body.dataPoints?.[0]?.heartRate?.beatsPerMinute;
    },
  };
}

/** Maps both upstreams' error shapes: Fitbit `{errors:[{errorType}]}`, Google `{error:{status}}`. */
function refusal(response, body) {
  const fitbitType = body?.errors?.[0]?.errorType;
  const googleStatus = body?.error?.status;
  const detail = body?.errors?.[0]?.message ?? body?.error?.message ?? `HTTP ${response.status}`;
  if (response.status === 401) return new UpstreamRefusal('token_rejected', detail);
  if (response.status === 403 && (fitbitType === 'insufficient_scope' || googleStatus === 'PERMISSION_DENIED')) {
    return new UpstreamRefusal('permission_missing', detail);
  }
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return new UpstreamRefusal('rate_limited', detail, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  if (response.status === 410) return new UpstreamRefusal('gone', detail);
  return new UpstreamRefusal('unavailable', detail);
}
