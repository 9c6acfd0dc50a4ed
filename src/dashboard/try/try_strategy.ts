import type { Config } from '../../config/index.js';
import { callbackUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import { tenantUrl } from '../../domain/tenants.js';
import type { ResolvedUpstream, UpstreamResolver } from '../../upstream/resolve_upstream.js';
import type { RoundTripTarget } from '../../upstream/round_trip.js';

/**
 * Where a TRY goes: the connection's own upstream, as a user's login reaches it (the sandbox or the
 * real upstream, the tenant's registered callback URL), through the same round trip
 * (src/upstream/round_trip.ts); only what happens at the end differs (a report, nothing stored).
 */
export class TryStrategy {
  constructor(
    private readonly upstreams: Pick<UpstreamResolver, 'resolve' | 'loginDeadlineMs'>,
    private readonly config: Pick<Config, 'publicUrl' | 'baseHost'>,
  ) {}

  /** Throws when the connection cannot reach any upstream (no Client ID and the sandbox off). */
  resolve(connection: Connection): ResolvedUpstream {
    return this.upstreams.resolve(connection, tenantUrl(this.config, connection.tenant));
  }

  target(upstream: ResolvedUpstream, connection: Connection): RoundTripTarget {
    return { upstream, connection, callbackUrl: callbackUrl(this.config, connection.tenant), deadlineMs: this.upstreams.loginDeadlineMs };
  }
}
