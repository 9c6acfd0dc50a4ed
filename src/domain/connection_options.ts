import type { ConnectionPlugin, SettingsIssue } from '../connections/plugin.js';
import { credentialCharactersProblem } from './credential_characters.js';
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
 * - Inside a client id or secret, a character outside printable ASCII (RFC 6749's VSCHAR: a NUL, a
 *   tab or line break in the middle, a zero-width space, a byte order mark, a bidirectional override,
 *   a non-ASCII letter) is refused, naming which and where (credential_characters.ts): no upstream
 *   issues one, so it can only be a copying accident, which stored would fail every login later with
 *   the upstream's invalid_client rather than here.
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

/** The options to store, or every problem found (at least one), each naming its setting ("clientId", "scope.2"). */
export type ConnectionOptionsResult = { ok: true; options: ConnectionOptions } | { ok: false; issues: readonly [SettingsIssue, ...SettingsIssue[]] };

/** Said after the plugin's complaint about a missing secret when the stored one was not kept. */
export const SECRET_NOT_CARRIED_OVER = 'the stored secret belongs to the previous client ID or API and is not kept for another';

/**
 * The options to store, sealed, or every complaint, in this order: a character no upstream issues
 * in a credential, the plugin's (every one, so an admin fixes them all in one go), profileSync's.
 */
export function connectionOptionsFrom(
  sent: SentConnectionSettings,
  stored: ConnectionOptions | undefined,
  parseSettings: ParseSettings,
  sealer: Sealer,
): ConnectionOptionsResult {
  const clientId = givenText(sent.clientId);
  const newSecret = givenText(sent.clientSecret);
  const issues: SettingsIssue[] = [];
  const clientIdProblem = clientId === undefined ? undefined : credentialCharactersProblem(clientId);
  if (clientIdProblem) issues.push({ field: 'clientId', message: clientIdProblem });
  const secretProblem = newSecret === undefined ? undefined : credentialCharactersProblem(newSecret);
  if (secretProblem) issues.push({ field: 'clientSecret', message: secretProblem });
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
  const leftBehind = stored?.clientSecret !== undefined && newSecret === undefined && clientId !== undefined && keptSecret === undefined;
  const pluginIssues = parsed.ok
    ? []
    : parsed.issues.map((issue) => (leftBehind && issue.field === 'clientSecret' ? { ...issue, message: `${issue.message}; ${SECRET_NOT_CARRIED_OVER}` } : issue));
  // After the plugin's settings: a request wrong in one of them and in this one names the plugin's
  // setting first, as it did while the plugin judged profileSync after its own settings.
  const profileSync = sent.profileSync ?? 'on_each_login';
  const syncIssues = isProfileSyncMode(profileSync) ? [] : [{ field: 'profileSync', message: 'must be "on_each_login" or "on_first_login"' }];
  const [first, ...rest] = [...issues, ...pluginIssues, ...syncIssues];
  // Each refusal (the plugin's, profileSync's) put its issue in the list, so `first` is there then.
  if (first || !parsed.ok || !isProfileSyncMode(profileSync)) return { ok: false, issues: [first!, ...rest] };

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
