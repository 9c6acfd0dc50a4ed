import { describe, expect, it } from '@jest/globals';
import { clientErrorForUpstream } from '../../../src/upstream/map_upstream_error.js';
import { acmeFailure } from '../../support/fake_plugin.js';

/**
 * What a client is told when the upstream refuses the tenant's callback: every plugin's upstream
 * reads it, and they register a callback differently (a whole URL, or only its domain, as Strava).
 */
describe('a login refused for its callback URL', () => {
  it('names the callback and the setup steps, with no claim on how the upstream registers it', () => {
    const error = clientErrorForUpstream(acmeFailure({ kind: 'redirect_uri_mismatch', status: 400 }), { name: 'Solo', gone: 'Solo is retired.' });
    expect(error.code).toBe('server_error');
    expect(error.description).toBe(
      'Solo did not accept this tenant\'s callback URL (<tenant URL>/login/callback) for the connection\'s client; an administrator must register it with Solo as the connection\'s setup steps in fitgate\'s dashboard say.',
    );
    expect(error.description).not.toMatch(/exact|redirect URI/i);
  });
});
