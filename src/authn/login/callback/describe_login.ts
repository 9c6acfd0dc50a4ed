import { refreshable } from '../../../domain/refreshable.js';
import { describeMove, type LoginResult } from '../../../domain/users.js';

/** How the login's upstream words what its success event says. */
export interface LoginWording {
  /** An upstream API's name, as its plugin gives it. */
  apiName(api: string): string;
  /** Why no refresh token came back, as the resolver settled it (UpstreamWording.noRefreshToken). */
  readonly noRefreshToken: string;
}

/**
 * The success event's description in the tenant's log. A migration's says whether the previous
 * API's grant was revoked, in the words the stored events have always used ("legacy token revoked").
 * A login that stored an identity the vault cannot refresh says so, in the sentence TRY's result
 * shows: the user will have to sign in again once the access token expires.
 */
export function describeLogin(result: LoginResult, previousGrantRevoked: boolean, wording: LoginWording): string {
  const described = describeSuccess(result, previousGrantRevoked, wording);
  return refreshable(result.identity) ? described : `${described}; no refresh token came back. ${wording.noRefreshToken}`;
}

function describeSuccess(result: LoginResult, previousGrantRevoked: boolean, wording: LoginWording): string {
  if (result.migration) {
    const revoked = previousGrantRevoked ? 'legacy token revoked' : 'legacy token not revoked';
    return `Successful login; ${describeMove(result.migration, (api) => wording.apiName(api))} (${revoked})`;
  }
  return result.created ? 'Successful login; new user' : 'Successful login';
}
