import type { ConnectionPlugin } from '../connections/plugin.js';
import type { Sealer } from './ports.js';
import type { ConnectionOptions, ProfileSyncMode } from './types.js';

/**
 * The one way a connection's options are written, by the Management API (PATCH /connections/{id},
 * `options`) and by the dashboard's settings form, so the same input gets the same verdict and is
 * stored the same way. The plugin judges its settings (its parseSettings); this judges the host's
 * own profileSync and applies what holds for every plugin's credentials:
 *
 * - A client id or secret is trimmed: a copied value often brings a space or a line break, which the
 *   upstream would refuse at the first login. Blank counts as not given: the form cannot send less,
 *   and an API caller clearing the field means the same thing (Auth0's dashboard sends "" there).
 * - The secret is write-only, so no reader can send it back: not given while the same client id and
 *   API are, the stored secret is kept. It belongs to that one OAuth client of that one upstream, so
 *   another client id or API does not keep it: sent to another client it could only be refused, and
 *   the plugin's own rule then decides whether that client may have none (a public client) or is
 *   refused until its own secret is given. Without a client id there is no upstream client to keep
 *   it for.
 * - Inside a client id or secret, a control character (a NUL, a tab or line break in the middle, an
 *   escape) is refused: no upstream issues one, so it can only be a copying accident, which stored
 *   would fail every login later with the upstream's invalid_client rather than here.
 */

/** What an admin sent, in the settings' names; what is left out takes the plugin's default (profileSync: the host's). */
export interface SentConnectionSettings {
  api?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  scope?: readonly string[] | undefined;
  profileSync?: string | undefined;
}

export type ParseSettings = ConnectionPlugin['parseSettings'];

const PROFILE_SYNC_MODES: readonly ProfileSyncMode[] = ['on_each_login', 'on_first_login'];

// eslint-disable-next-line no-control-regex -- the control characters are what this finds
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARACTER_PROBLEM = 'must not contain a control character (a line break, tab or invisible character copied with it)';

export type ConnectionOptionsResult = { ok: true; options: ConnectionOptions } | { ok: false; field: string; message: string };

/** Said after the plugin's complaint about a missing secret when the stored one was not kept. */
export const SECRET_NOT_CARRIED_OVER = 'the stored secret belongs to the previous client ID or API and is not kept for another';

/** The options to store, sealed, or the plugin's complaint naming its setting ("clientId", "scope.2"). */
export function connectionOptionsFrom(
  sent: SentConnectionSettings,
  stored: ConnectionOptions | undefined,
  parseSettings: ParseSettings,
  sealer: Sealer,
): ConnectionOptionsResult {
  const clientId = givenText(sent.clientId);
  const newSecret = givenText(sent.clientSecret);
  if (clientId !== undefined && CONTROL_CHARACTER.test(clientId)) return { ok: false, field: 'clientId', message: CONTROL_CHARACTER_PROBLEM };
  if (newSecret !== undefined && CONTROL_CHARACTER.test(newSecret)) return { ok: false, field: 'clientSecret', message: CONTROL_CHARACTER_PROBLEM };
  const parse = (clientSecret: string | undefined) =>
    parseSettings({
      ...(sent.api !== undefined && { api: sent.api }),
      ...(clientId !== undefined && { clientId }),
      ...(clientSecret !== undefined && { clientSecret }),
      ...(sent.scope !== undefined && { scope: [...sent.scope] }),
    });

  const storedSecret = newSecret === undefined && clientId !== undefined && clientId === stored?.clientId ? stored.clientSecret : undefined;
  let keptSecret = storedSecret;
  let parsed = parse(newSecret ?? (storedSecret === undefined ? undefined : sealer.open(storedSecret)));
  // The API is known only once the plugin has read it (left out, it takes the plugin's default):
  // on another API the stored secret is not this client's any more, so judge the options without it.
  if (parsed.ok && storedSecret !== undefined && parsed.value.api !== stored?.api) {
    keptSecret = undefined;
    parsed = parse(undefined);
  }
  if (!parsed.ok) {
    const leftBehind = stored?.clientSecret !== undefined && newSecret === undefined && clientId !== undefined && keptSecret === undefined;
    return leftBehind && parsed.field === 'clientSecret' ? { ...parsed, message: `${parsed.message}; ${SECRET_NOT_CARRIED_OVER}` } : parsed;
  }

  // After the plugin's verdict: a request wrong in one of its settings and in this one is refused for
  // the plugin's setting, as it was while the plugin judged profileSync after its own settings.
  const profileSync = sent.profileSync ?? 'on_each_login';
  if (!isProfileSyncMode(profileSync)) return { ok: false, field: 'profileSync', message: 'must be "on_each_login" or "on_first_login"' };

  const { value } = parsed;
  const options: ConnectionOptions = { api: value.api, scope: [...value.scope], profileSync };
  if (value.clientId !== undefined) options.clientId = value.clientId;
  if (value.clientSecret !== undefined) options.clientSecret = keptSecret ?? sealer.seal(value.clientSecret);
  return { ok: true, options };
}

/** The value trimmed, or undefined when it is absent or blank. */
function givenText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isProfileSyncMode(value: string): value is ProfileSyncMode {
  return (PROFILE_SYNC_MODES as readonly string[]).includes(value);
}
