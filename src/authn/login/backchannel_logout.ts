import type { AppDeps } from '../../app_deps.js';
import { calledUrlProblem } from '../../domain/application_urls.js';
import type { Tenant } from '../../domain/types.js';
import { tenantKeysFor } from '../keys/tenant_keys.js';
import { issueLogoutToken } from '../tokens/logout_token.js';

/** What this file reads of the app's dependencies. */
export type BackchannelLogoutDeps = Pick<AppDeps, 'store' | 'sealer' | 'logger' | 'background'>;

/** The longest one receiver may take to answer: a receiver that hangs costs a bounded wait, off the browser's path. */
export const BACKCHANNEL_LOGOUT_TIMEOUT_MS = 5000;

/** The sign-in whose session ended, as login_session.ts keeps it. */
export interface EndedSession {
  userId: string;
  sid?: string;
  /** The clients the session answered. */
  clients?: readonly string[];
}

/**
 * OpenID Connect Back-Channel Logout (§2.5), as Auth0 offers it: when an end user's session ends, each
 * client it answered that registered a back-channel logout URL (`oidc_logout`) is sent a logout token
 * for that session. The work runs in the background (AppDeps.background, which shutdown waits for), so
 * neither a slow nor a failing receiver holds up the browser's logout; each failure is logged, never
 * retried (§2.8 leaves it to the provider), and the token is never logged.
 */
export function startBackchannelLogout(deps: BackchannelLogoutDeps, where: { tenant: Tenant; tenantUrl: string }, ended: EndedSession): void {
  if (!ended.clients?.length) return;
  const work = notifyClients(deps, where, ended);
  if (deps.background) deps.background.track(work);
  else void work;
}

async function notifyClients(deps: BackchannelLogoutDeps, where: { tenant: Tenant; tenantUrl: string }, ended: EndedSession): Promise<void> {
  await Promise.all(
    (ended.clients ?? []).map((clientId) =>
      notifyClient(deps, where, ended, clientId).catch((error: unknown) => {
        deps.logger.warn({ err: error, client_id: clientId }, 'back-channel logout: the logout token could not be sent');
      }),
    ),
  );
}

async function notifyClient(deps: BackchannelLogoutDeps, where: { tenant: Tenant; tenantUrl: string }, ended: EndedSession, clientId: string): Promise<void> {
  const client = await deps.store.clients.get(where.tenant.name, clientId);
  const url = client?.oidcLogout?.backchannelLogoutUrls[0];
  if (url === undefined) return;
  // Checked on write; checked again here for a URL stored before the rule, as every stored URL is at use.
  if (calledUrlProblem(url) !== undefined) {
    deps.logger.warn({ client_id: clientId }, 'back-channel logout: the registered URL breaks the rule of URLs fitgate calls (https, or http on localhost or a loopback address); nothing sent');
    return;
  }
  const token = await issueLogoutToken(tenantKeysFor(deps), {
    tenant: where.tenant,
    tenantUrl: where.tenantUrl,
    clientId,
    userId: ended.userId,
    ...(ended.sid !== undefined ? { sid: ended.sid } : {}),
  });
  const outcome = await postLogoutToken(url, token);
  if (!outcome.ok) {
    deps.logger.warn({ client_id: clientId, host: new URL(url).host, reason: outcome.reason }, 'back-channel logout: the client did not accept the logout token');
  }
}

/** How a receiver answered: accepted (2xx), or why not, in words safe to log (no token, no URL path). */
export type PostOutcome = { ok: true } | { ok: false; reason: string };

/**
 * POSTs the logout token as §2.5 says (a form body, `logout_token`). A redirect is not followed: the
 * token is for the URL the client registered alone. Any answer but 2xx is a refusal (§2.8 asks for
 * 200; some frameworks answer 204).
 */
export async function postLogoutToken(url: string, token: string, timeoutMs = BACKCHANNEL_LOGOUT_TIMEOUT_MS): Promise<PostOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ logout_token: token }).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const failure = asFailure(error);
    return { ok: false, reason: failure.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `the request failed (${causeOf(failure)})` };
  }
  // Only the status matters; the body is dropped so the connection is freed.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true };
  return { ok: false, reason: `answered ${response.status}` };
}

interface Failure {
  name?: unknown;
  message?: unknown;
  cause?: { code?: unknown; message?: unknown };
}

/** fetch's errors by their shape: they may come from another realm than this module's Error. */
function asFailure(error: unknown): Failure {
  return typeof error === 'object' && error !== null ? (error as Failure) : { message: String(error) };
}

/** undici's "fetch failed" hides the reason (ECONNREFUSED, a certificate) in its cause. */
function causeOf(failure: Failure): string {
  if (typeof failure.cause?.code === 'string') return failure.cause.code;
  if (typeof failure.cause?.message === 'string') return failure.cause.message;
  return typeof failure.message === 'string' ? failure.message : 'unknown error';
}
