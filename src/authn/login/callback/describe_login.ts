import type { LoginResult } from '../../../domain/users.js';
import type { LoginSuccessReason } from '../../../metrics/metrics.js';

/**
 * The success event's description in the tenant's log; `apiName` names an upstream API as its plugin
 * does. A migration's says whether the previous API's grant was revoked, in the words the stored
 * events have always used ("legacy token revoked").
 */
export function describeLogin(result: LoginResult, previousGrantRevoked: boolean, apiName: (api: string) => string): string {
  if (result.migration) {
    const { fromApi, toApi } = result.migration;
    const revoked = previousGrantRevoked ? 'legacy token revoked' : 'legacy token not revoked';
    return `Successful login; moved from the ${apiName(fromApi)} to the ${apiName(toApi)} (${revoked})`;
  }
  return result.created ? 'Successful login; new user' : 'Successful login';
}

/** Why the login counts as a success in fitgate_logins_total. */
export function successReasonOf(result: LoginResult): LoginSuccessReason {
  if (result.migration) return 'migrated_from_legacy';
  return result.created ? 'new_user' : 'existing_user';
}
