import type { ConnectionPlugin } from '../../connections/plugin.js';
import type { Sealer } from '../../domain/ports.js';
import type { Connection, ConnectionOptions, ProfileSyncMode, UpstreamApi } from '../../domain/types.js';
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
  api: UpstreamApi;
  clientId?: string;
  clientSecret?: string;
  scope: string[];
  profileSync: ProfileSyncMode;
}

/**
 * The connection's options after a PATCH: the given options merged over the stored ones (an omitted
 * `client_secret` keeps the stored secret), validated whole by the plugin, the secret sealed again.
 */
export function mergeConnectionOptions(
  connection: Connection,
  patch: NonNullable<UpdateConnectionBody['options']>,
  plugin: ConnectionPlugin,
  sealer: Sealer,
): ConnectionOptions {
  const stored = connection.options;
  const current: Record<string, unknown> = {
    api: stored.api,
    clientId: stored.clientId,
    clientSecret: stored.clientSecret ? sealer.open(stored.clientSecret) : undefined,
    scope: stored.scope,
    profileSync: stored.profileSync,
  };
  for (const [option, value] of Object.entries(patch)) {
    if (value !== undefined) current[SETTING_OF_OPTION[option as keyof typeof SETTING_OF_OPTION]] = value;
  }
  const parsed = plugin.parseSettings(withoutUndefined(current));
  if (!parsed.ok) {
    throw new BadRequestError(`Payload validation error: '${parsed.message}' on property options.${optionOf(parsed.field)}.`);
  }
  const settings = parsed.value as unknown as PluginSettings;
  const options: ConnectionOptions = { api: settings.api, scope: settings.scope, profileSync: settings.profileSync };
  if (settings.clientId !== undefined) options.clientId = settings.clientId;
  if (settings.clientSecret !== undefined) {
    options.clientSecret = patch.client_secret !== undefined ? sealer.seal(settings.clientSecret) : stored.clientSecret;
  }
  return options;
}

function optionOf(field: string): string {
  const [head, ...rest] = field.split('.');
  const option = Object.entries(SETTING_OF_OPTION).find(([, setting]) => setting === head)?.[0] ?? head;
  return [option, ...rest].join('.');
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
