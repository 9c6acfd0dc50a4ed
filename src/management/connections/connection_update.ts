import type { SettingsIssue } from '../../connections/plugin.js';
import type { SentConnectionSettings } from '../../domain/connection_options.js';
import { BadRequestError } from '../../errors/index.js';
import type { UpdateConnectionBody } from './connection_schemas.js';

// The plugin's settings names for each option of the API (Auth0's names on the left).
const SETTING_OF_OPTION = {
  api: 'api',
  client_id: 'clientId',
  client_secret: 'clientSecret',
  scope: 'scope',
  set_user_root_attributes: 'profileSync',
} as const;

/**
 * The `options` of a PATCH in the settings' names. They replace the stored options as Auth0 replaces
 * them: the options sent are the whole new options object, and what they leave out takes the
 * plugin's default (so options without `client_id` put the connection back into sandbox mode).
 * Written by the rule the dashboard's settings form uses too (domain/connection_option_changes.ts):
 * credentials trimmed, blank ones treated as not sent, the write-only `client_secret` kept when left
 * out while a `client_id` is sent, and the whole checked by the plugin (a `client_secret` without a
 * `client_id` is refused, and so is a `client_id` without any secret where the API needs one).
 */
export function sentConnectionSettings(sent: NonNullable<UpdateConnectionBody['options']>): SentConnectionSettings {
  return { api: sent.api, clientId: sent.client_id, clientSecret: sent.client_secret, scope: sent.scope, profileSync: sent.set_user_root_attributes };
}

/** A refused options change in Auth0's words: one property per refusal, as parseBody does, the first problem in the plugin's order. */
export function optionsRefusal(issues: readonly [SettingsIssue, ...SettingsIssue[]]): BadRequestError {
  const [first] = issues;
  return new BadRequestError(`Payload validation error: '${first.message}' on property options.${optionOf(first.field)}.`);
}

function optionOf(field: string): string {
  const [head, ...rest] = field.split('.');
  const option = Object.entries(SETTING_OF_OPTION).find(([, setting]) => setting === head)?.[0] ?? head;
  return [option, ...rest].join('.');
}
