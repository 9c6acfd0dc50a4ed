import { describe, expect, it } from '@jest/globals';
import { exactLogoutUrlKey, logoutUrlKey } from '../../../src/domain/application_urls.js';

describe('the key /oidc/logout compares a return address by', () => {
  it('reads an empty http(s) path as "/" (RFC 3986 §6.2.3), before a query or fragment too', () => {
    expect(exactLogoutUrlKey('http://localhost:4101')).toBe('http://localhost:4101/');
    expect(exactLogoutUrlKey('http://localhost:4101/')).toBe('http://localhost:4101/');
    expect(exactLogoutUrlKey('https://app.example?from=logout')).toBe('https://app.example/?from=logout');
    expect(exactLogoutUrlKey('https://app.example#top')).toBe('https://app.example/#top');
  });

  it('keeps everything else as written: path, trailing slash, query, case, default port, dot segments', () => {
    for (const value of [
      'https://app.example/bye',
      'https://app.example/bye/',
      'https://app.example/bye?next=https://evil.example',
      'https://App.example/bye',
      'https://app.example:443/bye',
      'https://app.example/a/../bye',
      'com.example.app:/logout',
    ]) {
      expect(exactLogoutUrlKey(value)).toBe(value);
    }
  });

  it('agrees with the /v2/logout key about the root slash', () => {
    const withoutSlash = 'http://localhost:4101?x=1';
    const withSlash = 'http://localhost:4101/?x=1';
    expect(exactLogoutUrlKey(withoutSlash)).toBe(exactLogoutUrlKey(withSlash));
    expect(logoutUrlKey(withoutSlash)).toBe(logoutUrlKey(withSlash));
  });

  it('has no key for what is no URL or holds a space, control character or backslash', () => {
    for (const value of ['not a url', 'https://app.example?x=a b', 'https://app.example\\', 'https://app.example\\@evil.example']) {
      expect(exactLogoutUrlKey(value)).toBeUndefined();
    }
  });
});
