import { describe, expect, it } from '@jest/globals';
import { calledUrlProblem, originProblem, redirectUrlProblem, writtenCalledUrlProblem, writtenOriginProblem, writtenRedirectUrlProblem } from '../../../src/domain/application_urls.js';
import type { CalledUrlReach } from '../../../src/domain/called_url_reach.js';

/** As in development and test: loopback may be called (none of fitgate's ports here). */
const DEVELOPMENT: CalledUrlReach = { internal: true, ownPorts: new Map() };

/**
 * A bracketed IPv6 address with no port after it is a host, not a host "[" with the port ":1]": the
 * IPv6 loopback literal RFC 8252 §7.3 asks native apps to use, and any other IPv6 address, is taken
 * with or without a port in every kind of application URL, where it is written and where it is used.
 */
describe('application URLs on a bracketed IPv6 host', () => {
  it.each(['http://[::1]/cb', 'http://[::1]:8080/cb', 'https://[2001:db8::1]/cb', 'https://[2001:db8::1]:8443/cb', 'http://[::1]'])('writes and uses %s as a callback', (url) => {
    expect(writtenRedirectUrlProblem(url, 'native')).toBeUndefined();
    expect(redirectUrlProblem(url, 'native')).toBeUndefined();
  });

  it.each(['http://[::1]', 'http://[::1]:5173', 'https://[2001:db8::1]'])('writes and uses %s as an origin', (origin) => {
    expect(writtenOriginProblem(origin)).toBeUndefined();
    expect(originProblem(origin)).toBeUndefined();
  });

  it.each(['http://[::1]/bcl', 'http://[::1]:4000/bcl'])('writes and calls %s as a back-channel logout URL', (url) => {
    expect(writtenCalledUrlProblem(url, DEVELOPMENT)).toBeUndefined();
    expect(calledUrlProblem(url, DEVELOPMENT)).toBeUndefined();
  });

  it.each([
    ['https://[::1]:99999/cb', '99999'],
    ['https://[2001:db8::1]:0/cb', '0'],
    ['https://[::1]:80a/cb', '80a'],
  ])('still names the bad port of %s', (url, port) => {
    const reason = `has an invalid port "${port}" (a port is a number from 1 to 65535)`;
    expect(writtenRedirectUrlProblem(url, 'regular_web')).toBe(reason);
    expect(writtenCalledUrlProblem(url, DEVELOPMENT)).toBe(reason);
  });
});
