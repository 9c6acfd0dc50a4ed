import { describe, expect, it } from '@jest/globals';
import { originProblem, redirectUrlProblem, writtenOriginProblem, writtenRedirectUrlProblem } from '../../../src/domain/application_urls.js';

/**
 * A browser leaves out a default port and resolves "." and ".." path segments before a URL is sent
 * (new URL(), location), and redirect_uri is compared exactly, so a callback written with either
 * could never match a login. Refused where it is written, with the URL as the parser writes it; a
 * stored one that an app sends byte for byte still signs in.
 */
describe('application URLs with a default port or dot segments', () => {
  it.each([
    ['https://a.example.com:443/cb', 'has the default port of https (443), which browsers and SDKs leave out: use https://a.example.com/cb'],
    ['http://localhost:80/cb', 'has the default port of http (80), which browsers and SDKs leave out: use http://localhost/cb'],
    ['https://[::1]:443/cb', 'has the default port of https (443), which browsers and SDKs leave out: use https://[::1]/cb'],
    ['https://a.example.com:0443/cb', 'has the default port of https (0443), which browsers and SDKs leave out: use https://a.example.com/cb'],
    ['https://a.example.com:/cb', 'has a ":" with no port after its host: use https://a.example.com/cb'],
    ['https://a.example.com:08443/cb', 'has a port the browser reads as 8443: use https://a.example.com:8443/cb'],
    ['https://a.example.com/a/../cb', 'has "." or ".." segments in its path, which browsers and SDKs resolve: use https://a.example.com/cb'],
    ['https://a.example.com/./cb', 'resolve: use https://a.example.com/cb'],
    ['https://a.example.com/cb/.', 'resolve: use https://a.example.com/cb/'],
    ['https://a.example.com/a/%2E%2e/cb?next=../x', 'resolve: use https://a.example.com/cb?next=../x'],
    ['https://a.example.com:443/a/../cb', 'has the default port of https (443), which browsers and SDKs leave out: use https://a.example.com/cb'],
    ['https://A.example.com:443/a/../cb', 'SDKs send it in lower case: use https://a.example.com/cb'],
  ])('refuses to write %s as a callback, though an app sending it exactly still signs in', (url, reason) => {
    expect(writtenRedirectUrlProblem(url, 'regular_web')).toContain(reason);
    expect(redirectUrlProblem(url, 'regular_web')).toBeUndefined();
  });

  it.each([
    ['https://a.example.com:443', 'has the default port of https (443), which browsers and SDKs leave out: use https://a.example.com'],
    ['https://a.example.com/.', 'must be an origin only (scheme://host[:port]) with no path, query or trailing slash'],
  ])('refuses to write %s as an origin, though it still passes at use', (origin, reason) => {
    expect(writtenOriginProblem(origin)).toBe(reason);
    expect(originProblem(origin)).toBeUndefined();
  });

  it.each([
    'https://a.example.com:8443/cb',
    'https://a.example.com/.../cb',
    'https://a.example.com/.well-known/cb',
    'https://a.example.com/cb?path=./x',
    'https://a.example.com',
    'com.example.app:/a/../callback',
  ])('writes %s', (url) => {
    expect(writtenRedirectUrlProblem(url, 'native')).toBeUndefined();
  });
});
