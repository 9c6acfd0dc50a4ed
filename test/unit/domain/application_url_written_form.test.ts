import { describe, expect, it } from '@jest/globals';
import { firstApplicationUrlProblem, originProblem, redirectUrlProblem, writtenOriginProblem, writtenRedirectUrlProblem } from '../../../src/domain/application_urls.js';

/**
 * The form rule applies where a URL is written only: a written URL must be in the form logins send
 * it, while a stored one that an app sends byte for byte keeps passing the rule at use.
 */
describe('the written form of application URLs', () => {
  it.each([
    ['https:///cb', 'has no host'],
    ['https:/cb', 'has no host'],
    ['https:app.example.com/cb', 'has no "//" after "https:": use https://app.example.com/cb'],
    ['HTTPS://APP.EXAMPLE.COM/cb', 'has upper-case letters in its scheme or host; SDKs send it in lower case: use https://app.example.com/cb'],
    ['https://App.example.com:8443/Cb', 'SDKs send it in lower case: use https://app.example.com:8443/Cb'],
    ['Com.Example.App:/callback', 'SDKs send it in lower case: use com.example.app:/callback'],
    ['https://例え.JP/cb', 'has a non-ASCII host: write it in punycode, https://xn--r8jz45g.jp/cb'],
    ['https://app.example.com/café', 'has characters outside ASCII in its path: percent-encode them: https://app.example.com/caf%C3%A9'],
    ['https://app.example.com/cb?name=é', 'in its query: percent-encode them: https://app.example.com/cb?name=%C3%A9'],
    ['https://app.example.com/c\u200bb', 'contains a zero-width space (U+200B), an invisible character copied with it (character 26): delete it'],
    ['https://app.exa\u200bmple.com/cb', 'contains a zero-width space (U+200B)'],
    ['https://app.example.com/cb\u202e', 'a bidirectional text control (U+202E)'],
    ['https://127.1/cb', 'has a host the browser reads as 127.0.0.1: use https://127.0.0.1/cb'],
    ['https://app.example.com:0/cb', 'has an invalid port "0" (a port is a number from 1 to 65535)'],
  ])('refuses to write %s as a callback, though an app sending it exactly still signs in', (url, reason) => {
    expect(writtenRedirectUrlProblem(url, 'native')).toContain(reason);
    expect(redirectUrlProblem(url, 'native')).toBeUndefined();
  });

  it.each([
    ['HTTPS://APP.EXAMPLE.COM', 'use https://app.example.com'],
    ['https://例え.jp', 'write it in punycode, https://xn--r8jz45g.jp'],
    ['https:app.example.com', 'use https://app.example.com'],
  ])('refuses to write %s as an origin, though it still passes at use', (origin, reason) => {
    expect(writtenOriginProblem(origin)).toContain(reason);
    expect(originProblem(origin)).toBeUndefined();
  });

  it.each([
    'https://app.example.com/cb',
    'https://app.example.com:8443/Callback?next=%C3%A9',
    'http://[::1]:8080/cb',
    'http://localhost:3000/cb',
    'com.example.app:/callback',
    'com.example.app://login.example.com/ios/com.Example.App/callback',
    'https://xn--r8jz45g.jp/cb',
  ])('writes %s', (url) => {
    expect(writtenRedirectUrlProblem(url, 'native')).toBeUndefined();
  });

  it('keeps the rule at use first: its reason comes before the form rule', () => {
    expect(writtenRedirectUrlProblem('HTTP://APP.EXAMPLE.COM/cb', 'regular_web')).toContain('must use https');
  });

  it('is what the Management API checks lists by', () => {
    expect(firstApplicationUrlProblem({ appType: 'spa', webOrigins: ['https://app.example.com', 'https://APP.example.com'] })).toMatchObject({
      field: 'web_origins',
      index: 1,
      problem: expect.stringContaining('use https://app.example.com'),
    });
  });
});
