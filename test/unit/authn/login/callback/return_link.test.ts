import { describe, expect, it } from '@jest/globals';
import { returnLinkOf } from '../../../../../src/authn/login/callback/return_link.js';

/** The way back to the application from a finished login's page: from its registration, and only to a web page. */
describe("a finished login's way back to the application", () => {
  it('is the initiate_login_uri when the application has one', () => {
    expect(returnLinkOf({ appType: 'spa', initiateLoginUri: 'https://app.example/start?x=1' }, 'https://app.example/callback')).toBe('https://app.example/start?x=1');
  });

  it("is otherwise the callback's origin, never its path or query", () => {
    expect(returnLinkOf({ appType: 'regular_web' }, 'https://app.example:8443/auth/callback?next=/x')).toBe('https://app.example:8443');
    expect(returnLinkOf({ appType: 'spa' }, 'http://localhost:3000/')).toBe('http://localhost:3000');
  });

  it('skips an initiate_login_uri that breaks the rule for web redirect URLs', () => {
    for (const initiateLoginUri of ['javascript:alert(1)', 'http://app.example/start', 'https://user:pw@app.example/', '']) {
      expect(returnLinkOf({ appType: 'regular_web', initiateLoginUri }, 'https://app.example/callback')).toBe('https://app.example');
    }
  });

  it('is none for a callback no browser page answers at once the login is over', () => {
    expect(returnLinkOf({ appType: 'native' }, 'com.example.app:/callback')).toBeUndefined();
    expect(returnLinkOf({ appType: 'native' }, 'http://127.0.0.1:51234/callback')).toBeUndefined();
    expect(returnLinkOf({ appType: 'native', initiateLoginUri: 'https://app.example/open' }, 'com.example.app:/callback')).toBe('https://app.example/open');
    expect(returnLinkOf({ appType: 'regular_web' }, 'http://app.example/callback')).toBeUndefined();
  });
});
