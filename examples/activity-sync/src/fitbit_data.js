/**
 * Reads the signed-in user's recent activities and today's heart rate straight from the upstream
 * with the access token fitgate handed out. The connection's `api` says which upstream holds the
 * data: the legacy Fitbit Web API (activity log list) or the Google Health API (exercise data points).
 *
 * A token from fitgate's built-in sandbox works only at the sandbox (`<tenant URL>/_sandbox`), and
 * nothing fitgate hands out marks a token as the sandbox's. So when the upstream this app reads
 * refuses a token (401) or cannot be reached, the same read is tried once at the sandbox: if the
 * sandbox accepts the token, the page says to set UPSTREAM_BASE_URL rather than "Needs
 * re-authorization" (a new sign-in would get another sandbox token, and the same refusal).
 */

const ACTIVITY_COUNT = 10;

/** Why the upstream refused; each kind gets its own message on the Verify page. */
export class UpstreamRefusal extends Error {
  /**
   * @param {'token_rejected' | 'sandbox_token' | 'permission_missing' | 'rate_limited' | 'gone' | 'unavailable'} kind
   * @param {string} message
   * @param {number} [retryAfterSeconds]
   */
  constructor(kind, message, retryAfterSeconds) {
    super(message);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * @param {string | undefined} upstreamBaseUrl see config.js
 * @param {string} sandboxBaseUrl fitgate's sandbox, `<tenant URL>/_sandbox`
 */
export function createFitbitData(upstreamBaseUrl, sandboxBaseUrl) {
  const under = (base, url) => (base ? `${base}/${url.slice('https://'.length)}` : url);
  const at = (url) => under(upstreamBaseUrl, url);
  const read = (url, accessToken, timeoutMs = 10_000) =>
    fetch(url, { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(timeoutMs) });

  /** Whether fitgate's sandbox accepts the token this app's upstream did not. */
  async function sandboxAccepts(url, accessToken) {
    if (upstreamBaseUrl === sandboxBaseUrl) return false;
    try {
      return (await read(under(sandboxBaseUrl, url), accessToken, 5_000)).ok;
    } catch {
      return false;
    }
  }

  const sandboxToken = () =>
    new UpstreamRefusal('sandbox_token', `this token is from fitgate's sandbox; set UPSTREAM_BASE_URL=${sandboxBaseUrl}`);

  async function get(url, accessToken) {
    let response;
    try {
      response = await read(at(url), accessToken);
    } catch (error) {
      if (await sandboxAccepts(url, accessToken)) throw sandboxToken();
      throw new UpstreamRefusal('unavailable', `no answer from ${new URL(at(url)).origin}: ${error.message}`);
    }
    const body = await response.json().catch(() => undefined);
    if (response.ok) return body;
    if (response.status === 401 && (await sandboxAccepts(url, accessToken))) throw sandboxToken();
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
