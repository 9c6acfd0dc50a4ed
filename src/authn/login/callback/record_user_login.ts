import type { Request } from 'express';
import type { Sealer } from '../../../domain/ports.js';
import type { Connection } from '../../../domain/types.js';
import { toUpstreamLogin } from '../../../domain/upstream_login.js';
import { recordLogin, type LoginResult } from '../../../domain/users.js';
import type { Store } from '../../../store/store.js';
import type { VerifiedUpstream } from '../../../upstream/round_trip.js';

/**
 * Creates or updates the user the verified upstream login proves. A blocked user is refused here,
 * before anything is recorded (recordLogin throws UserBlockedError, Auth0's `unauthorized`), as Auth0 does.
 */
export function recordUserLogin(
  deps: { store: Pick<Store, 'users'>; sealer: Sealer },
  req: Request,
  connection: Connection,
  verified: VerifiedUpstream,
  now: Date,
): Promise<LoginResult> {
  return recordLogin({ users: deps.store.users, sealer: deps.sealer }, toUpstreamLogin(verified, connection, req.ip, now));
}
