import type { Request } from 'express';
import type { Sealer } from '../../../domain/ports.js';
import type { Connection } from '../../../domain/types.js';
import { toUpstreamLogin, type VerifiedLogin } from '../../../domain/upstream_login.js';
import { recordLogin, type LoginResult } from '../../../domain/users.js';
import type { Store } from '../../../store/store.js';

/**
 * Creates or updates the user the verified upstream login proves. A blocked user is refused here,
 * before anything is recorded (recordLogin throws UserBlockedError, Auth0's `unauthorized`), as Auth0 does.
 * The host's tenant URL goes along (the host of /authorize: the login comes back where it left): the
 * issuer this sign-in's id_tokens carry, its code's included wherever the client redeems it, which
 * an end of the user's sessions issues its logout tokens under (domain/ended_sessions.ts).
 */
export function recordUserLogin(
  deps: { store: Pick<Store, 'users'>; sealer: Sealer },
  req: Request,
  connection: Connection,
  verified: VerifiedLogin,
  now: Date,
): Promise<LoginResult> {
  const login = { ...toUpstreamLogin(verified, connection, req.ip, now), tenantUrl: req.context.tenantUrl };
  return recordLogin({ users: deps.store.users, sealer: deps.sealer }, login);
}
