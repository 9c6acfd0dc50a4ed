import { grantTypeVerdict } from '../../domain/grant_types.js';
import { signsUsersIn } from '../../domain/signs_users_in.js';
import type { Client } from '../../domain/types.js';
import { APP_TYPE_LABELS } from './app_types.js';

/**
 * Why no user can sign in to this application (signsUsersIn, the rule /authorize applies), in the
 * admin's words: a phrase that follows "No user can sign in to NAME:". Undefined when users can. It
 * always lacks the authorization_code grant; the words differ by what would change that, since the
 * dashboard offers Authorization Code to every type but machine to machine (grantTypeVerdict).
 */
export function whyNoUserSignsIn(client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod' | 'grantTypes'>): string | undefined {
  if (signsUsersIn(client)) return undefined;
  if (grantTypeVerdict(client, 'authorization_code').allowed) return 'Authorization Code is unticked in its Grant Types';
  return `it is of type ${APP_TYPE_LABELS[client.appType]}, without the Authorization Code grant`;
}
