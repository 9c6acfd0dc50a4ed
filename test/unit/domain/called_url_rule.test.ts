import { describe, expect, it } from '@jest/globals';
import { calledUrlProblem, redirectUrlProblem } from '../../../src/domain/application_urls.js';
import type { CalledUrlReach } from '../../../src/domain/called_url_reach.js';

/** As in development and test: this host and private networks may be called (none of fitgate's ports here). */
const DEVELOPMENT: CalledUrlReach = { internal: true, ownPorts: new Map() };

/**
 * URLs fitgate itself sends requests to (back-channel logout): plain http only where the address
 * cannot resolve off this machine. A browser maps *.localhost to loopback, Node's resolver may not.
 */
describe('the rule of URLs fitgate calls itself', () => {
  it.each(['http://localhost/bcl', 'http://localhost:4000/bcl', 'http://127.0.0.1:4000/bcl', 'http://127.8.9.10/bcl', 'http://[::1]:4000/bcl', 'https://app.example/bcl', 'https://app.localhost/bcl'])(
    'accepts %s',
    (url) => {
      expect(calledUrlProblem(url, DEVELOPMENT)).toBeUndefined();
    },
  );

  it.each(['http://app.localhost/bcl', 'http://APP.Localhost:4000/bcl', 'http://a.b.localhost/bcl', 'http://app.example/bcl', 'http://10.0.0.5/bcl'])('refuses plain http to %s', (url) => {
    expect(calledUrlProblem(url, DEVELOPMENT)).toMatch(/^must use https \(fitgate calls this URL itself: plain http is allowed only for localhost, 127\.0\.0\.0\/8 and \[::1\]\)$/);
  });

  it('refuses a custom scheme and what every application URL refuses', () => {
    expect(calledUrlProblem('com.example.app:/bcl', DEVELOPMENT)).toContain('custom scheme');
    expect(calledUrlProblem('https://app.example/bcl#x', DEVELOPMENT)).toContain('fragment');
    expect(calledUrlProblem('/bcl', DEVELOPMENT)).toContain('is not an absolute URL');
  });

  it('leaves the rule of URLs a browser follows as it was: http on *.localhost stays allowed there', () => {
    expect(redirectUrlProblem('http://app.localhost:3000/callback', 'regular_web')).toBeUndefined();
    expect(redirectUrlProblem('http://app.localhost:3000/callback', 'spa')).toBeUndefined();
  });
});
