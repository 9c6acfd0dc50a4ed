import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, resolveUpstream, type ResolvedUpstream } from '../../upstream/resolve_upstream.js';
import { runStrategy, type StrategyOutcome } from '../../upstream/run_strategy.js';
import type { PluginVerify } from '../../connections/plugin.js';
import { callbackUrl, tenantUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import type { TryLogin } from './try_report.js';
import type { TryStateStore } from './try_state_store.js';

/**
 * Runs the connection's own strategy for a TRY, as a user's login runs it (the sandbox or the real
 * upstream, the tenant's registered callback URL), with a verify step that only hands the tokens and
 * profile on: nothing is stored.
 */
export class TryStrategy {
  /** A login makes a few upstream calls in a row (token, keys, identity, userinfo), each bounded. */
  private readonly deadlineMs: number;

  constructor(private readonly deps: AppDeps) {
    this.deadlineMs = 3 * (deps.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
  }

  /** Throws when the connection cannot reach any upstream (no Client ID and the sandbox off). */
  resolve(connection: Connection): ResolvedUpstream {
    return resolveUpstream(this.deps, connection, tenantUrl(this.deps.config, connection.tenant));
  }

  async run(upstream: ResolvedUpstream, connection: Connection, store: TryStateStore, req: Request): Promise<StrategyOutcome> {
    try {
      const verify: PluginVerify = (tokens, profile, done) => done(null, { tokens, profile } satisfies TryLogin);
      const strategy = upstream.plugin.createStrategy(
        {
          ...upstream.client,
          callbackURL: callbackUrl(this.deps.config, connection.tenant),
          scope: connection.options.scope,
          ...(upstream.authorizationBaseUrl && { authorizationBaseUrl: upstream.authorizationBaseUrl }),
          store,
        },
        verify,
      );
      return await runStrategy(strategy, req, {}, this.deadlineMs);
    } catch (error) {
      return { kind: 'error', error };
    }
  }
}
