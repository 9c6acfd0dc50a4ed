import type { Request, Response } from 'express';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { updateConnection, withClientEnabled } from '../../domain/connection_updates.js';
import { signsUsersIn } from '../../domain/signs_users_in.js';
import type { Client, Connection } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField, type FormBody } from '../form_fields.js';

/**
 * Turning a connection on or off for one application, the one rule behind both switches the
 * dashboard has for it: the connection's Applications tab (connection_apps_routes.ts) and the
 * application's Connections section (applications/application_connections_routes.ts).
 *
 * Turning it off for an application that signs users in (signsUsersIn) stops their next login
 * through it, so it waits for a confirmation (a ticked `confirm` box) while the tenant has any user.
 * The store counts users per tenant only (a count per connection would read every matching record),
 * so the tenant's count decides, and the confirmation says "users who signed in through it", with
 * no number.
 */
export type SwitchOutcome = { saved: true; enabled: boolean } | { saved: false; needsConfirmation: true };

/** Whether the tenant has any user: what decides, for each of its switches, whether turning one off asks first. */
export async function tenantHasUsers(store: Pick<Store, 'users'>, tenant: string): Promise<boolean> {
  return (await store.users.count(tenant)) > 0;
}

/** Whether turning `connection` off for `client` needs a confirmation first (see above). */
export function turningOffNeedsConfirmation(connection: Connection, client: Client, hasUsers: boolean): boolean {
  return hasUsers && signsUsersIn(client) && connection.enabledClients.includes(client.clientId);
}

/**
 * Saves the switch's form (`enabled` ticked or not) on the connection as stored, so a settings save
 * or another switch meanwhile (any worker) is kept, and logs it as the Management API's PATCH of
 * the connection's clients would be. Nothing is saved when the form turns it off unconfirmed and
 * turningOffNeedsConfirmation says it must be.
 */
export async function saveClientSwitch(store: Store, req: Request, res: Response, connection: Connection, client: Client): Promise<SwitchOutcome> {
  const body = req.body as FormBody;
  const enable = checkboxField(body, 'enabled');
  if (!enable && !checkboxField(body, 'confirm') && turningOffNeedsConfirmation(connection, client, await tenantHasUsers(store, connection.tenant))) {
    return { saved: false, needsConfirmation: true };
  }
  await updateConnection(store.connections, connection.tenant, connection.id, (current) => withClientEnabled(current, client.clientId, enable));
  await logConfigChange(store, req, res, {
    ...configChange(CONFIG_CHANGES.updateEnabledClients, { id: connection.id }),
    details: { client_id: client.clientId, status: enable },
  });
  return { saved: true, enabled: enable };
}
