import { describe, expect, it } from '@jest/globals';
import { redirectUrlProblem, originProblem, writtenRedirectUrlProblem } from '../../../src/domain/application_urls.js';

/** A URL whose only fault is its port says so, instead of claiming it does not start with https://. */
describe('an application URL with an invalid port', () => {
  it.each([
    ['https://app.example.com:99999/cb', '99999'],
    ['https://app.example.com:65536/cb', '65536'],
    ['https://app.example.com:80a/cb', '80a'],
    ['https://[::1]:99999/cb', '99999'],
  ])('names the port of %s', (url, port) => {
    const reason = `has an invalid port "${port}" (a port is a number from 1 to 65535)`;
    expect(redirectUrlProblem(url, 'regular_web')).toBe(reason);
    expect(writtenRedirectUrlProblem(url, 'regular_web')).toBe(reason);
  });

  it('names the port of an origin too', () => {
    expect(originProblem('https://app.example.com:70000')).toContain('invalid port "70000"');
  });

  it('accepts 65535', () => {
    expect(writtenRedirectUrlProblem('https://app.example.com:65535/cb', 'regular_web')).toBeUndefined();
  });
});
