/**
 * What this app asks of fitgate's Management API: a user's Fitbit identity and its status, a
 * fresh upstream access token for it, and unlinking it. fitgate refreshes the upstream token itself
 * (single-flight, rotated refresh token stored first), so the app never holds a refresh token and
 * simply asks again before each use.
 *
 * Two Management API tokens, each with only what its calls need: reading a user with
 * `read:user_idp_tokens` makes fitgate produce a working upstream token (refreshing it if needed),
 * which status pages have no reason to trigger.
 */

const ACCOUNT_SCOPE = 'read:users update:users';
const TOKEN_SCOPE = 'read:user_idp_tokens';
/** Renew a Management API token this long before it expires, so a request never carries a dying one. */
const EXPIRY_MARGIN_MS = 60_000;
/** fitgate itself gives up on a silent upstream after 10 s and answers without the token; wait a little longer. */
const REQUEST_TIMEOUT_MS = 15_000;

/** fitgate's `status_reason` codes, in words for the user. */
const REASONS = {
  refresh_token_rejected: 'Fitbit refused to renew it: access was revoked or has expired',
  upstream_api_gone: 'the legacy Fitbit API has been shut down',
  refresh_token_missing: 'Fitbit never granted a renewable access',
};

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
  const tokens = new Map(); // scope → { token, expiresAtMs }, reused until shortly before expiry
  const pending = new Map(); // scope → the token request in flight, shared by concurrent callers

  /** fetch with a bound; a network failure becomes ManagementApiError status 0 ("fitgate did not answer"). */
  async function send(url, init) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new ManagementApiError(0, { message: `fitgate did not answer: ${error.message}` });
    }
  }

  async function requestToken(scope) {
    const response = await send(`${settings.tenantUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        audience: `${settings.tenantUrl}/api/v2/`,
        scope,
      }),
    });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      // The OAuth error (invalid_client: wrong credentials; access_denied: not authorized for the
      // Management API) as the errorCode, so the pages can say which setting is wrong.
      throw new ManagementApiError(response.status, {
        message: `fitgate refused the Management API token request: ${body?.error ?? response.status} ${body?.error_description ?? ''}`.trim(),
        errorCode: body?.error,
      });
    }
    return { token: body.access_token, expiresAtMs: now() + body.expires_in * 1000 };
  }

  async function tokenFor(scope) {
    const cached = tokens.get(scope);
    if (cached && cached.expiresAtMs - EXPIRY_MARGIN_MS > now()) return cached.token;
    if (!pending.has(scope)) pending.set(scope, requestToken(scope).finally(() => pending.delete(scope)));
    const fresh = await pending.get(scope);
    tokens.set(scope, fresh);
    return fresh.token;
  }

  async function call(scope, method, path) {
    const response = await send(`${settings.tenantUrl}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenFor(scope)}` },
    });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ManagementApiError(response.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    return body;
  }

  const userPath = (userId) => `/users/${encodeURIComponent(userId)}`;
  /**
   * The user's Fitbit identity in this app's terms; undefined when it is gone or was unlinked.
   * `accessToken` and `tokenError` are there only for a read with the token scope.
   */
  const fitbitOf = (user) => {
    const identity = user.identities?.find((candidate) => candidate.provider === 'fitbit');
    // Unlinking a user's only identity leaves it in place, without tokens, marked `unlinked`.
    if (!identity || identity.status_reason === 'unlinked') return undefined;
    const reason = identity.status_reason && (REASONS[identity.status_reason] ?? identity.status_reason);
    return {
      status: identity.status,
      reason,
      api: identity.api,
      userId: identity.user_id,
      accessToken: identity.access_token,
      tokenError: identity.access_token_error,
    };
  };

  return {
    /**
     * The user's Fitbit identity as fitgate last saw it: `{ status, reason, api, userId }` with
     * status `connected` or `needs_reauthorization`; undefined when the user or identity is gone
     * or was unlinked. Reading it with this scope never makes fitgate call the upstream.
     */
    async fitbitIdentity(userId) {
      let user;
      try {
        user = await call(ACCOUNT_SCOPE, 'GET', userPath(userId));
      } catch (error) {
        if (error instanceof ManagementApiError && error.status === 404) return undefined;
        throw error;
      }
      return fitbitOf(user);
    },

    /**
     * The Fitbit identity as fitbitIdentity gives it, read with the token scope so that fitgate
     * hands out a working upstream access token with it (`accessToken`); undefined when it is gone.
     * The read answers 200 whatever the token's fate, as Auth0's does: when fitgate could not
     * refresh the token for good, `status` is `needs_reauthorization` (with `reason`) and there is
     * no token; when it cannot get one now (the upstream down or rate-limiting), `tokenError` is
     * fitgate's `access_token_error`: `{ errorCode, message, retry_after? }`.
     */
    async fitbitAccessToken(userId) {
      return fitbitOf(await call(TOKEN_SCOPE, 'GET', userPath(userId)));
    },

    /** Unlinks the Fitbit identity; fitgate drops its tokens and revokes the grant upstream. */
    async unlinkFitbit(userId, identityUserId) {
      await call(ACCOUNT_SCOPE, 'DELETE', `${userPath(userId)}/identities/fitbit/${encodeURIComponent(identityUserId)}`);
    },
  };
}
