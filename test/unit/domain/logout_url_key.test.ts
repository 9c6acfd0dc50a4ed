import { describe, expect, it } from '@jest/globals';
import { logoutUrlKey } from '../../../src/domain/application_urls.js';

describe('the key a logout return address is compared by', () => {
  it('leaves out the query and the fragment, and nothing else', () => {
    expect(logoutUrlKey('https://app.example/bye?loggedOut=1#top')).toBe('https://app.example/bye');
    expect(logoutUrlKey('https://app.example/bye/')).toBe('https://app.example/bye/');
    expect(logoutUrlKey('https://app.example:8443/bye')).toBe('https://app.example:8443/bye');
    expect(logoutUrlKey('com.example.app:/logout?x=1')).toBe('com.example.app:/logout');
  });

  it('reads an origin with and without its root slash alike, as the browser does', () => {
    expect(logoutUrlKey('https://app.example?x=1')).toBe(logoutUrlKey('https://app.example/'));
  });

  it('has no key for what is no URL or holds a space, control character or backslash', () => {
    for (const value of ['not a url', 'https://app.example/bye?x=a b', 'https://app.example/bye?x=%0d\r\nSet-Cookie:a', 'https://app.example\\@evil.example/']) {
      expect(logoutUrlKey(value)).toBeUndefined();
    }
  });
});
