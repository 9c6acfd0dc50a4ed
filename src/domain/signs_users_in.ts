import type { Client } from './types.js';

/**
 * Whether users can sign in to this application: whether /authorize takes it as the client of a
 * login at all. That is the application's grant types' to say, not its type's, as at Auth0:
 * /authorize refuses every response_type to an application not allowed authorization_code
 * (check_response_type.ts, `unauthorized_client`), whatever its type, and takes any that is.
 * So a regular web application with Authorization Code unticked signs no one in, and a
 * machine-to-machine one given authorization_code (the Management API stores it) signs users in.
 * Everything that offers an application as one users sign in to (the dashboard's TRY next step,
 * connection switches, getting started; a new application's connections) asks this, so it offers
 * exactly what /authorize accepts.
 */
export function signsUsersIn(client: Pick<Client, 'grantTypes'>): boolean {
  return client.grantTypes.includes('authorization_code');
}
