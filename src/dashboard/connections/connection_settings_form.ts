import type { ConnectionPlugin } from '../../connections/plugin.js';
import { connectionOptionsFrom } from '../../domain/connection_options.js';
import { newConnectionOptions } from '../../domain/new_connection.js';
import type { Sealer } from '../../domain/ports.js';
import type { Connection, ConnectionOptions, ProfileSyncMode } from '../../domain/types.js';
import { checkboxField, listField, rawField, textField, type FieldErrors, type FormBody } from '../form_fields.js';

/**
 * The social connection settings form: what the admin typed, turned into the connection's options
 * by the rule the Management API's PATCH uses too (domain/connection_options.ts: credentials
 * trimmed, the plugin's own parseSettings). The client secret is write-only: the form never shows
 * it, and a blank field keeps the one already stored. Whether a Client ID needs a secret (or a
 * secret a Client ID) is the plugin's rule.
 */

export interface SettingsForm {
  /** One of the plugin's `apis` ids. */
  api: string;
  clientId: string;
  /** What was typed in "Client Secret", as typed; blank keeps the stored secret. */
  newClientSecret: string;
  scope: string[];
  profileSync: ProfileSyncMode;
}

/** The form as typed; the API must be one the page offered (the plugin's), or nothing else is read. */
export function readSettingsForm(body: FormBody, plugin: Pick<ConnectionPlugin, 'apis'>): SettingsForm | { error: FieldErrors } {
  const api = textField(body, 'api');
  if (!plugin.apis.some((choice) => choice.id === api)) return { error: { api: 'Choose which API this connection uses.' } };
  return {
    api,
    clientId: textField(body, 'client_id'),
    newClientSecret: rawField(body, 'client_secret'),
    scope: [...new Set(listField(body, 'scope'))],
    profileSync: checkboxField(body, 'profile_sync') ? 'on_each_login' : 'on_first_login',
  };
}

/**
 * Validates the form with the plugin and returns the options to store, or the plugin's complaint
 * placed next to the form field it is about.
 */
export function settingsFromForm(
  form: SettingsForm,
  current: ConnectionOptions | undefined,
  plugin: ConnectionPlugin,
  sealer: Sealer,
): { ok: true; options: ConnectionOptions } | { ok: false; errors: FieldErrors } {
  // Without a client id the connection has no upstream credentials at all (sandbox, when enabled):
  // the stored secret goes with it, but a secret just typed reaches the plugin, which refuses it.
  const result = connectionOptionsFrom(
    { api: form.api, clientId: form.clientId, clientSecret: form.newClientSecret, scope: form.scope, profileSync: form.profileSync },
    current,
    (input) => plugin.parseSettings(input),
    sealer,
  );
  if (result.ok) return result;
  const field = formFieldOf(result.field);
  return { ok: false, errors: { [field]: `${FIELD_LABELS[field] ?? 'Settings'}: ${result.message}` } };
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  api: 'API',
  client_id: 'Client ID',
  client_secret: 'Client Secret',
  scope: 'Permissions',
  profile_sync: 'Profile sync',
};

/** The form field a plugin's complaint is about ("clientId" or "scope.2" → "client_id", "scope"). */
function formFieldOf(field: string): string {
  const name = (field.split('.')[0] ?? '').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return Object.hasOwn(FIELD_LABELS, name) ? name : 'form';
}

/**
 * The settings as the form shows them: what the admin just typed, else the stored options, else
 * what a new connection of the plugin starts with.
 */
export function formValues(plugin: Pick<ConnectionPlugin, 'apis' | 'defaultPermissions'>, connection: Connection | undefined, typed?: SettingsForm) {
  const options = connection?.options ?? newConnectionOptions(plugin);
  return {
    api: typed?.api ?? options.api,
    clientId: typed?.clientId ?? options.clientId ?? '',
    scope: typed?.scope ?? options.scope,
    profileSync: typed?.profileSync ?? options.profileSync,
    hasSecret: Boolean(options.clientSecret),
  };
}
