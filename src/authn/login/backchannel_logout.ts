import type { AppDeps } from '../../app_deps.js';
import { calledUrlProblem } from '../../domain/application_urls.js';
import { calledUrlReach } from '../../domain/called_url_reach.js';
import type { Tenant } from '../../domain/types.js';
import { tenantKeysFor } from '../keys/tenant_keys.js';
import { issueLogoutToken } from '../tokens/logout_token.js';
import { logoutSendQueueFor } from './backchannel_logout_queue.js';
import { postLogoutToken } from './post_logout_token.js';
import { logRefusedUrlOnce } from './refused_backchannel_url_log.js';

/** What this file reads of the app's dependencies. */
export type BackchannelLogoutDeps = Pick<AppDeps, 'store' | 'sealer' | 'logger' | 'background' | 'config' | 'internalBaseUrl'>;

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
  void sendBackchannelLogout(deps, where, ended);
}

/**
 * As startBackchannelLogout, for a caller that needs to know when it is over: resolves once every
 * client's token was sent (or failed, logged) or dropped; never rejects. Each client's send waits its
 * turn in the process's queue (backchannel_logout_queue.ts), which bounds how many run at once and
 * how many wait; the client is read and the token issued only when its turn comes, so a token is as
 * fresh as its sending and a dropped one costs no signature.
 */
export function sendBackchannelLogout(deps: BackchannelLogoutDeps, where: { tenant: Tenant; tenantUrl: string }, ended: EndedSession): Promise<void> {
  if (!ended.clients?.length) return Promise.resolve();
  const queue = logoutSendQueueFor(deps);
  const work = Promise.all(
    ended.clients.map((clientId) =>
      queue.run(where.tenant.name, () =>
        notifyClient(deps, where, ended, clientId).catch((error: unknown) => {
          deps.logger.warn({ err: error, client_id: clientId }, 'back-channel logout: the logout token could not be sent');
        }),
      ),
    ),
  ).then(() => undefined);
  deps.background?.track(work);
  return work;
}

async function notifyClient(deps: BackchannelLogoutDeps, where: { tenant: Tenant; tenantUrl: string }, ended: EndedSession, clientId: string): Promise<void> {
  const client = await deps.store.clients.get(where.tenant.name, clientId);
  const url = client?.oidcLogout?.backchannelLogoutUrls[0];
  if (url === undefined) return;
  // Checked on write; checked again here for a URL stored before the rule (or before the operator
  // turned FITGATE_BACKCHANNEL_ALLOW_INTERNAL off), as every stored URL is at use; the address a host
  // name resolves to is checked as it is connected to (postLogoutToken).
  const reach = calledUrlReach(deps.config, deps.internalBaseUrl());
  const problem = calledUrlProblem(url, reach);
  if (problem !== undefined) {
    logRefusedUrlOnce(deps.logger, { tenant: where.tenant.name, clientId, url, problem });
    return;
  }
  const token = await issueLogoutToken(tenantKeysFor(deps), {
    tenant: where.tenant,
    tenantUrl: where.tenantUrl,
    clientId,
    userId: ended.userId,
    ...(ended.sid !== undefined ? { sid: ended.sid } : {}),
  });
  const outcome = await postLogoutToken(url, token, { reach, timeoutMs: BACKCHANNEL_LOGOUT_TIMEOUT_MS });
  if (!outcome.ok && outcome.refused) logRefusedUrlOnce(deps.logger, { tenant: where.tenant.name, clientId, url, problem: outcome.reason });
  else if (!outcome.ok) {
    deps.logger.warn({ client_id: clientId, host: new URL(url).host, reason: outcome.reason }, 'back-channel logout: the client did not accept the logout token');
  }
}
