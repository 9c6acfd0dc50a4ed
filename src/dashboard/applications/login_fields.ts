import { grantTypeVerdict } from '../../domain/grant_types.js';
import { signsUsersIn } from '../../domain/signs_users_in.js';
import type { Client } from '../../domain/types.js';

/**
 * Whether an application's page shows the settings a login to it uses: its URL lists (Allowed
 * Callback URLs and the others) and its Back-Channel Logout URL. It does when users sign in to it
 * (signsUsersIn, the rule /authorize applies), so a machine-to-machine application given
 * authorization_code through the Management API, which has users and their sessions, shows them;
 * and when its page offers the Authorization Code box (every type but machine to machine:
 * grantTypeVerdict), so an admin who unticked it still has the URLs to tick it back with. Only a
 * machine-to-machine application without it shows none.
 */
export function showsLoginFields(client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod' | 'grantTypes'>): boolean {
  return signsUsersIn(client) || grantTypeVerdict(client, 'authorization_code').allowed;
}
