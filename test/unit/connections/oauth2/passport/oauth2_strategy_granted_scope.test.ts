import { describe, expect, it } from '@jest/globals';
import { grantedPermissions } from '../../../../../src/connections/oauth2/granted_scopes.js';
import { OAuth2LoginStrategy, type OAuth2LoginStrategyBaseOptions } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import type { PluginPermission, PluginTokens } from '../../../../../src/connections/plugin.js';
import { ACCEPTING_STORE, authenticateOnce, upstreamOptions } from './live_strategy.js';

// A small plugin on OAuth2LoginStrategy, shaped like Strava's: comma-separated scopes, the grant
// reported on the callback URL (https://developers.strava.com/docs/authentication/) and none in the
// token answer. Its verify is the one a plugin writes whichever place its upstream reports in.
const PERMISSIONS: PluginPermission[] = [
  { name: 'profile', description: 'Public profile', upstreamScopes: ['read'] },
  { name: 'activities', description: 'Activities', upstreamScopes: ['activity:read'] },
  { name: 'private_activities', description: 'Private activities', upstreamScopes: ['activity:read_all'] },
];
const REQUESTED = ['profile', 'activities', 'private_activities'];

function smallPlugin(grantedScopeFrom: OAuth2LoginStrategyBaseOptions['grantedScopeFrom'], tokenAnswer: object) {
  const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: 'at', token_type: 'Bearer', expires_in: 21600, ...tokenAnswer }) };
  const { options } = upstreamOptions(answer, { pkce: false, store: ACCEPTING_STORE, scopeSeparator: ',', scope: ['read', 'activity:read', 'activity:read_all'] });
  const handed: PluginTokens[] = [];
  /** The scope tokenAnswerOf gives, as a verify wrapping this one reads it. */
  const answered: Array<string | undefined> = [];
  const strategy: OAuth2LoginStrategy = new OAuth2LoginStrategy({ ...options, grantedScopeFrom }, (_req, token, _profile, done) => {
    const grantedScopes = grantedPermissions({ permissions: PERMISSIONS, requested: REQUESTED, reported: token.scope, separator: ',' });
    handed.push({ accessToken: token.accessToken, expiresIn: token.expiresIn, grantedScopes });
    answered.push(strategy.tokenAnswerOf(token.json)?.scope);
    done(null, { id: 'u' });
  });
  return { strategy, handed, answered };
}

const callback = (query: Record<string, unknown>) => ({ query: { code: 'the-code', state: 'handle', ...query } });

/** grantedScopeFrom: the host gets the grant from the place the upstream reports it, through one verify. */
describe('OAuth2LoginStrategy reading the granted scopes where the upstream reports them', () => {
  it('reads the callback URL’s scope under grantedScopeFrom callback, the user having unticked one', async () => {
    const { strategy, handed } = smallPlugin('callback', {});
    const outcome = await authenticateOnce(strategy, callback({ scope: 'read,activity:read' }));
    expect(outcome).toMatchObject({ success: { id: 'u' } });
    expect(handed).toEqual([{ accessToken: 'at', expiresIn: 21600, grantedScopes: ['profile', 'activities'] }]);
  });

  it('takes the callback’s over a scope the token answer also carries, and tokenAnswerOf agrees', async () => {
    const { strategy, handed, answered } = smallPlugin('callback', { scope: 'read,activity:read,activity:read_all' });
    await authenticateOnce(strategy, callback({ scope: 'read' }));
    expect(handed[0]!.grantedScopes).toEqual(['profile']);
    expect(answered).toEqual(['read']);
  });

  it('reads the token answer’s scope by default, whatever the callback carries', async () => {
    const { strategy, handed } = smallPlugin(undefined, { scope: 'read' });
    await authenticateOnce(strategy, callback({ scope: 'read,activity:read,activity:read_all' }));
    expect(handed[0]!.grantedScopes).toEqual(['profile']);
  });

  it('hands verify no scope when the declared place carries none or more than one, which grantedPermissions reads as what was requested', async () => {
    for (const query of [{}, { scope: ['read', 'activity:read'] }]) {
      const { strategy, handed } = smallPlugin('callback', { scope: 'read' });
      await authenticateOnce(strategy, callback(query));
      expect(handed[0]!.grantedScopes).toEqual(REQUESTED);
    }
  });

  it('refuses a place it does not know when built', () => {
    expect(() => smallPlugin('query' as 'callback', {})).toThrow(/grantedScopeFrom must be "token" or "callback"/);
  });
});
