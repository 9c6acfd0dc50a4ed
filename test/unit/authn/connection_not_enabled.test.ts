import { describe, expect, it } from '@jest/globals';
import { connectionNotEnabled } from '../../../src/authn/connection_not_enabled.js';

// The refusal /authorize and the Token Vault exchange send, and the tenant's log keeps.
describe('connectionNotEnabled', () => {
  it('names a connection by its name, in Auth0’s words', () => {
    expect(connectionNotEnabled('fitbit')).toBe('The connection "fitbit" is not enabled for this application.');
    expect(connectionNotEnabled('fitbit-2')).toBe('The connection "fitbit-2" is not enabled for this application.');
  });

  it('does not repeat what no connection could be called: markup, a long string, a hyphen at the end', () => {
    for (const sent of ['<img src=x>', 'a'.repeat(129), 'fitbit-', 'fit bit']) {
      const words = connectionNotEnabled(sent);
      expect(words).toBe('The connection named in the request is not enabled for this application.');
      expect(words).not.toContain(sent);
    }
  });
});
