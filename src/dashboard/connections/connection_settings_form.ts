import type { ConnectionPlugin, SettingsIssue } from '../../connections/plugin.js';
import { connectionOptionsFrom, type SentConnectionSettings } from '../../domain/connection_options.js';
import { newConnectionOptions } from '../../domain/new_connection.js';
import type { Sealer } from '../../domain/ports.js';
import type { Connection, ConnectionOptions, ProfileSyncMode } from '../../domain/types.js';
import { offeredApi } from '../../upstream/plugin_defaults.js';
import { checkboxField, listField, rawField, textField, type FieldErrors, type FormBody } from '../form_fields.js';
import { inStoredOrder } from '../stored_order.js';

/**
 * The social connection settings form: what the admin typed, turned into the connection's options
 * by the rule the Management API's PATCH uses too (domain/connection_options.ts: credentials
 * trimmed, the plugin's own parseSettings). The client secret is write-only: the form never shows
 * it, and a blank field keeps the one already stored while the Client ID and the API stay the same.
 * Whether a Client ID needs a secret (or a secret a Client ID) is the plugin's rule.
 */

/** The form's own limit on the Client ID field (maxlength), the longest any plugin takes. */
export const CLIENT_ID_MAX_LENGTH = 255;


export interface SettingsForm {
  /** One of the plugin's `apis` ids. */
  api: string;
  clientId: string;
  /** What was typed in "Client Secret", as typed; blank keeps the stored secret. */
  newClientSecret: string;
  scope: string[];
  profileSync: ProfileSyncMode;
  /** What the admin pressed: Save, or Try, which saves first and then tries what was saved. */
  then: 'save' | 'try';
}

/**
 * The form as typed; the API must be one the page offered (the plugin's), or nothing else is read.
 * The permissions ticked keep the order of the connection's stored scope (`stored`), which the
 * Management API stores as sent (stored_order.ts).
 */
export function readSettingsForm(body: FormBody, plugin: Pick<ConnectionPlugin, 'apis'>, stored?: Pick<ConnectionOptions, 'scope'>): SettingsForm | { error: FieldErrors } {
  // Not trimmed: a radio button's value is exact, so " google-health" comes from a crafted post, and
  // PATCH /api/v2/connections/{id} refuses it too (the plugin's rule).
  const api = rawField(body, 'api');
  if (!offeredApi(plugin, api)) return { error: { api: 'Choose which API this connection uses.' } };
  return {
    api,
    clientId: textField(body, 'client_id'),
    newClientSecret: rawField(body, 'client_secret'),
    scope: inStoredOrder(listField(body, 'scope'), stored?.scope ?? []),
    profileSync: checkboxField(body, 'profile_sync') ? 'on_each_login' : 'on_first_login',
    then: textField(body, 'then') === 'try' ? 'try' : 'save',
  };
}

/**
 * Beside the Client Secret field when the form was refused with a new secret typed in it: the page
 * cannot give the secret back (secrets are never rendered), so without this the admin would fix the
 * other field, save, and keep the old secret without knowing. Undefined when no secret was typed,
 * or when the secret's own error already says it was refused.
 */
export function secretNotSavedNotice(body: FormBody, errors: FieldErrors): string | undefined {
  if (!rawField(body, 'client_secret').trim() || errors.client_secret !== undefined) return undefined;
  const refused = Object.keys(errors).map((field) => FIELD_LABELS[field]).filter((label) => label !== undefined);
  const because = refused.length > 0 ? `${refused.join(' and ')} ${refused.length > 1 ? 'were' : 'was'} refused` : 'the settings were refused';
  return `Client Secret: the new secret you typed was not saved, because ${because}. Paste it again before you save.`;
}

/**
 * Validates the form with the plugin and returns the options to store, or every complaint placed
 * next to the form field it is about (two about one field side by side), so one Save shows them all.
 */
export function settingsFromForm(
  form: SettingsForm,
  current: ConnectionOptions | undefined,
  plugin: ConnectionPlugin,
  sealer: Sealer,
): { ok: true; options: ConnectionOptions } | { ok: false; errors: FieldErrors } {
  const result = connectionOptionsFrom(sentSettingsOf(form), current, (input) => plugin.parseSettings(input), sealer);
  return result.ok ? result : { ok: false, errors: fieldErrorsOf(result.issues) };
}

/**
 * The form in the settings' names, for the rule both surfaces write options by. Without a client id
 * the connection has no upstream credentials at all (sandbox, when enabled): the stored secret goes
 * with it, but a secret just typed reaches the plugin, which refuses it.
 */
export function sentSettingsOf(form: SettingsForm): SentConnectionSettings {
  return { api: form.api, clientId: form.clientId, clientSecret: form.newClientSecret, scope: form.scope, profileSync: form.profileSync };
}

/** Every complaint placed next to the form field it is about, two about one field side by side. */
export function fieldErrorsOf(issues: readonly SettingsIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = formFieldOf(issue.field);
    errors[field] = errors[field] === undefined ? `${FIELD_LABELS[field] ?? 'Settings'}: ${issue.message}` : `${errors[field]}; ${issue.message}`;
  }
  return errors;
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

/**
 * Whether saving `next` would change nothing: Try saves the form first, and pressing it on settings
 * left as they were should neither log a configuration change nor make the connection look newer.
 * A kept secret is the stored sealed value itself; a secret typed again is sealed anew and counts as
 * a change.
 */
export function sameOptions(current: ConnectionOptions, next: ConnectionOptions): boolean {
  return (
    current.api === next.api &&
    current.clientId === next.clientId &&
    current.clientSecret === next.clientSecret &&
    current.profileSync === next.profileSync &&
    current.scope.length === next.scope.length &&
    current.scope.every((scope, index) => next.scope[index] === scope)
  );
}
