/**
 * The two things this app asks of fitgate's Management API: a user's Fitbit identity with a fresh
 * upstream access token, and unlinking that identity. fitgate refreshes the upstream token itself
 * (single-flight, rotated refresh token stored first), so the app never holds a refresh token and
 * simply asks again before each use.
 */

const SCOPES = 'read:users read:user_idp_tokens update:users';
/** Renew the Management API token this long before it expires, so a request never carries a dying one. */
const EXPIRY_MARGIN_MS = 60_000;

/** fitgate answered with an error: `status` and Auth0's `errorCode` say which. */
export class ManagementApiError extends Error {
  constructor(status, body, retryAfterSeconds) {
    super(body?.message ?? `Management API answered ${status}`);
    this.status = status;
    this.errorCode = body?.errorCode;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * @param {{ tenantUrl: string, clientId: string, clientSecret: string }} settings
 * @param {{ now?: () => number }} [clock]
 */
export function createManagementApi(settings, { now = Date.now } = {}) {
  let cached; // { token, expiresAtMs }: one client_credentials token, reused until shortly before expiry
  let pending; // the token request in flight, shared by concurrent callers

  async function requestToken() {
    const response = await fetch(`${settings.tenantUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        audience: `${settings.tenantUrl}/api/v2/`,
        scope: SCOPES,
      }),
    });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      throw new ManagementApiError(response.status, {
        message: `fitgate refused the Management API token request: ${body?.error ?? response.status} ${body?.error_description ?? ''}`.trim(),
      });
    }
    return { token: body.access_token, expiresAtMs: now() + body.expires_in * 1000 };
  }

  async function token() {
    if (cached && cached.expiresAtMs - EXPIRY_MARGIN_MS > now()) return cached.token;
    pending ??= requestToken().finally(() => (pending = undefined));
    cached = await pending;
    return cached.token;
  }

  async function call(method, path) {
    const response = await fetch(`${settings.tenantUrl}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${await token()}` },
    });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ManagementApiError(response.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    return body;
  }

  const userPath = (userId) => `/users/${encodeURIComponent(userId)}`;

  return {
    /**
     * The user's Fitbit identity: `{ status: 'connected', api, userId, accessToken }`, or
     * `{ status: 'needs_reauthorization', reason }` when fitgate can no longer refresh the upstream
     * token (409 needs_reauthorization), or undefined when the user or the identity is gone.
     */
    async fitbitIdentity(userId) {
      let user;
      try {
        user = await call('GET', userPath(userId));
      } catch (error) {
        if (error instanceof ManagementApiError && error.status === 404) return undefined;
        if (error instanceof ManagementApiError && error.errorCode === 'needs_reauthorization') {
          return { status: 'needs_reauthorization', reason: error.message };
        }
        throw error;
      }
      const identity = user.identities?.find((candidate) => candidate.provider === 'fitbit');
      if (!identity) return undefined;
      return { status: identity.status, api: identity.api, userId: identity.user_id, accessToken: identity.access_token };
    },

    /** Unlinks the Fitbit identity; fitgate drops its tokens and revokes the grant upstream. */
    async unlinkFitbit(userId, identityUserId) {
      await call('DELETE', `${userPath(userId)}/identities/fitbit/${encodeURIComponent(identityUserId)}`);
    },
  };
}
