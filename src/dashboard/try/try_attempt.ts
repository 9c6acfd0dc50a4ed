import type { Request, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { ConnectionPlugin } from '../../connections/plugin.js';
import { callbackUrlOf, roundTripTenantUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import type { FailureContext } from './try_failure_explanation.js';
import type { FailedTry, TryOutcome } from './try_log_event.js';
import { requestedPermissions } from './requested_permissions.js';
import { settingsFingerprint } from './tried_settings.js';
import type { PendingTry } from './try_transaction.js';

/**
 * One TRY as it begins: which connection of the managed tenant it tries, with which settings (their
 * fingerprint and the permissions they ask for), for which admin, where that admin uses the
 * dashboard (the result page is shown there), and the tenant URL the upstream sends the browser back
 * to. Built once from the request (tryAttemptOf); each step of beginning a TRY (try_start.ts) reads
 * what it needs from it, and the transaction, the log event and a report of a failure at the start
 * are all made from it, so they cannot disagree.
 */
export interface TryAttempt {
  readonly connection: Connection;
  /**
   * The connection's plugin, from the registry: the attempt is made before the round trip resolves
   * the upstream, and a failure to resolve it is explained with this (a dropped API). Absent when
   * none serves the strategy (resolving then fails). Once resolved, the upstream's plugin is used.
   */
  readonly plugin: ConnectionPlugin | undefined;
  /** What the TRY's transaction keeps, but for whether the sandbox plays the upstream (known once resolved). */
  readonly tried: Omit<PendingTry, 'sandbox'>;
  /** The tenant URL the round trip comes back to. */
  readonly returnTo: string;
  /** Its callback URL: the redirect_uri the upstream sees, and the one a failure tells the admin to register. */
  readonly callbackUrl: string;
}

/** A TRY of `connection`, one of the managed tenant's (res.locals), by the signed-in admin. */
export function tryAttemptOf(deps: Pick<AppDeps, 'config' | 'plugins'>, req: Request, res: Response, connection: Connection): TryAttempt {
  const tenant = res.locals.managedTenant!.name;
  const plugin = deps.plugins.get(connection.strategy);
  const { api, scope } = connection.options;
  // As a login there would: the host the admin is on when it is the tenant's (its own domain too), else the tenant's URL.
  const returnTo = roundTripTenantUrl(deps.config, tenant, req.context);
  return {
    connection,
    plugin,
    tried: {
      tenant,
      connectionId: connection.id,
      strategy: connection.strategy,
      api,
      adminEmail: res.locals.admin!.email,
      dashboardUrl: req.context.tenantUrl,
      requestedScopes: requestedPermissions(plugin, api, scope),
      settings: settingsFingerprint(connection.options),
    },
    returnTo,
    callbackUrl: callbackUrlOf(returnTo),
  };
}

/** The TRY in flight, once the upstream it resolved to says whether the sandbox plays it. */
export function pendingTryOf(attempt: TryAttempt, sandbox: boolean): PendingTry {
  return { ...attempt.tried, sandbox };
}

/** What explaining a failure of this TRY needs (try_failure_explanation.ts). */
export function failureContextOf(attempt: TryAttempt): FailureContext {
  return { callbackUrl: attempt.callbackUrl, api: attempt.tried.api, requestedPermissions: attempt.tried.requestedScopes, plugin: attempt.plugin };
}

/** How this TRY ended with `failure`, for the tenant's log (try_log_event.ts). */
export function failedTryOutcome(attempt: TryAttempt, failure: FailedTry): TryOutcome {
  return { tenant: attempt.tried.tenant, api: attempt.tried.api, settings: attempt.tried.settings, failure };
}
