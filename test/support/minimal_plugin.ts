import type { ConnectionPlugin, SettingsIssue } from '../../src/connections/plugin.js';
import type { Sealer } from '../../src/domain/ports.js';
import type { Connection } from '../../src/domain/types.js';
import { acmeOAuth2Plugin } from './fake_plugin.js';
import type { FakeOAuth2Upstream } from './fake_oauth2_upstream.js';

/** The minimal plugin's one API. */
export const TRAILMARK_API = 'trailmark-v3';

/**
 * The smallest plugin that logs a user in, as a simple OAuth 2.0 upstream's would be written: one
 * API, which its members ignore (the host asks about no other), and none of the members the host
 * has a default for (wording, permissionAreas, authorizationPrompt, explainFailure). Strategy
 * "trailmark", named "Trailmark", on the Acme plugin's OAuth2LoginStrategy against
 * `upstreamUrl` (a fake upstream's `url`, test/support/fake_oauth2_upstream.ts): three permissions, each its own upstream
 * scope. Its strategy puts the host's `prompt` option in the authorize URL as `prompt`
 * (OAuth2LoginStrategy's promptParameter), so that a test sees whether the host sent one.
 */
export function minimalOAuth2Plugin(upstreamUrl: string) {
  const acme = acmeOAuth2Plugin({ upstreamUrl, strategy: 'trailmark', promptParameter: 'prompt' });
  // The Acme permissions, asked for by their own names under any API but Acme's v2.
  const permissions = acme.permissions(TRAILMARK_API);
  return {
    strategy: 'trailmark',
    displayName: 'Trailmark',
    mark: { tile: '#2f5d50', line: 'M5 24l7-10 5 6 5-9 5 13' },
    apis: [{ id: TRAILMARK_API, name: 'Trailmark API v3', clientIdHint: 'The Client ID on your Trailmark app page.', permissionsHint: 'Trailmark asks for each permission on its own.' }],
    defaultPermissions: ['steps'],
    parseSettings(given) {
      const scope = given.scope ?? ['steps'];
      const issues: SettingsIssue[] = [];
      if (given.api !== undefined && given.api !== TRAILMARK_API) issues.push({ field: 'api', message: `must be "${TRAILMARK_API}"` });
      if (scope.length === 0) issues.push({ field: 'scope', message: 'must list at least one permission' });
      scope.forEach((name, index) => {
        if (!permissions.some((permission) => permission.name === name)) issues.push({ field: `scope.${index}`, message: `unknown Trailmark permission ${JSON.stringify(name)}` });
      });
      const [first, ...rest] = issues;
      if (first) return { ok: false, issues: [first, ...rest] };
      return { ok: true, value: { api: TRAILMARK_API, scope, ...(given.clientId && { clientId: given.clientId }), ...(given.clientSecret && { clientSecret: given.clientSecret }) } };
    },
    permissions: () => permissions,
    setupSteps: (_api, callbackUrl) => [`1. Open https://developers.trailmark.example/apps and register ${callbackUrl}`],
    createStrategy: (options, verify) => acme.createStrategy(options, verify),
    createTokenClient: (options) => acme.createTokenClient(options),
  } satisfies ConnectionPlugin;
}

/**
 * The default tenant's connection of a Trailmark plugin (`strategy`: "trailmark" unless given), with
 * `upstream`'s credentials, asking for `scope` (steps alone unless given), enabled for `enabledClients`.
 */
export function minimalConnection(
  upstream: FakeOAuth2Upstream,
  sealer: Sealer,
  { strategy = 'trailmark', scope = ['steps'], enabledClients = [] }: { strategy?: string; scope?: string[]; enabledClients?: string[] } = {},
): Connection {
  const now = new Date().toISOString();
  return {
    tenant: 'default',
    id: `con_${strategy.replace('_', '')}`.padEnd(24, '0'),
    name: strategy,
    strategy,
    options: { api: TRAILMARK_API, scope, profileSync: 'on_each_login', clientId: upstream.clientId, clientSecret: sealer.seal(upstream.clientSecret) },
    enabledClients,
    createdAt: now,
    updatedAt: now,
  };
}
