import type { ConnectionPlugin } from '../../connections/plugin.js';
import type { Sealer } from '../../domain/ports.js';
import type { Connection, ConnectionOptions, ProfileSyncMode } from '../../domain/types.js';
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

interface PluginSettings {
  api: string;
  clientId?: string;
  clientSecret?: string;
  scope: string[];
  profileSync: ProfileSyncMode;
}

/**
 * The connection's options after a PATCH, replaced as Auth0 replaces them: the options sent are the
 * whole new options object, and what they leave out takes the plugin's default (so options without
 * `client_id` put the connection back into sandbox mode). The one exception is the write-only
 * `client_secret`, which no GET shows and so no caller can send back: when omitted while a
 * `client_id` is sent, the stored secret is kept; without a `client_id` there is no upstream
 * application to keep a secret for, and it is dropped. Validated whole by the plugin, with the
 * dashboard's rules (a `client_secret` sent without a `client_id` is refused, and so is a
 * `client_id` without any secret where the API needs one); sealed again.
 */
export function replaceConnectionOptions(
  connection: Connection,
  sent: NonNullable<UpdateConnectionBody['options']>,
  plugin: ConnectionPlugin,
  sealer: Sealer,
): ConnectionOptions {
  const stored = connection.options;
  const settings: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(sent)) {
    if (value !== undefined) settings[SETTING_OF_OPTION[option as keyof typeof SETTING_OF_OPTION]] = value;
  }
  const keepSecret = sent.client_secret === undefined && sent.client_id !== undefined && stored.clientSecret !== undefined;
  if (keepSecret) settings.clientSecret = sealer.open(stored.clientSecret!);

  const parsed = plugin.parseSettings(settings);
  if (!parsed.ok) {
    throw new BadRequestError(`Payload validation error: '${parsed.message}' on property options.${optionOf(parsed.field)}.`);
  }
  const value = parsed.value as unknown as PluginSettings;
  const options: ConnectionOptions = { api: value.api, scope: value.scope, profileSync: value.profileSync };
  if (value.clientId !== undefined) options.clientId = value.clientId;
  if (value.clientSecret !== undefined) options.clientSecret = keepSecret ? stored.clientSecret! : sealer.seal(value.clientSecret);
  return options;
}

function optionOf(field: string): string {
  const [head, ...rest] = field.split('.');
  const option = Object.entries(SETTING_OF_OPTION).find(([, setting]) => setting === head)?.[0] ?? head;
  return [option, ...rest].join('.');
}
