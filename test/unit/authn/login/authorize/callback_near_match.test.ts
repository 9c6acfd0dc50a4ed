import { describe, expect, it } from '@jest/globals';
import { callbackNearMatch } from '../../../../../src/authn/login/authorize/callback_near_match.js';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('callbackNearMatch', () => {
  it.each([
    ['a trailing slash the request lacks', 'http://localhost:3990/callback', 'http://localhost:3990/callback/', 'by a trailing slash'],
    ['a trailing slash the request adds', 'https://app.example/callback/?x=1', 'https://app.example/callback?x=1', 'by a trailing slash'],
    ['a trailing slash after a bare host', 'https://app.example/', 'https://app.example', 'by a trailing slash'],
    ['letter case of scheme and host', 'https://app.example.com/cb', 'HTTPS://APP.EXAMPLE.COM/cb', 'in letter case'],
    ['letter case of the path', 'https://app.example/Callback', 'https://app.example/callback', 'in letter case'],
    ['punycode', 'https://xn--r8jz45g.jp/cb', 'https://例え.jp/cb', 'in how it is written (punycode, percent-encoding or a default port)'],
    ['a default port', 'https://app.example/cb', 'https://app.example:443/cb', 'in how it is written (punycode, percent-encoding or a default port)'],
    ['the port', 'http://localhost:3990/callback', 'http://localhost:3000/callback', 'in its port'],
    ['the scheme', 'http://app.example/callback', 'https://app.example/callback', 'in its scheme'],
    ['scheme and port', 'http://app.example:8080/callback', 'https://app.example/callback', 'in its scheme and port'],
  ])('names a registered URL that differs by %s', (_case, sent, registered, difference) => {
    expect(callbackNearMatch(sent, ['https://unrelated.example/cb', registered])).toEqual({ url: registered, difference });
  });

  it.each([
    ['another host', 'https://evil.example/callback'],
    ['another path', 'https://app.example/other'],
    ['an extra path segment', 'https://app.example/callback/more'],
    ['an extra query', 'https://app.example/callback?x=1'],
    ['not a URL', 'not a url'],
  ])('names nothing for %s', (_case, sent) => {
    expect(callbackNearMatch(sent, ['https://app.example/callback', 'http://localhost:3000/dev'])).toBeUndefined();
  });

  it('prefers the closest kind of slip when several registered URLs are near', () => {
    const callbacks = ['http://localhost:3000/callback', 'http://localhost:3990/callback/'];
    expect(callbackNearMatch('http://localhost:3990/callback', callbacks)?.url).toBe('http://localhost:3990/callback/');
  });
});

describe('the /authorize refusal of a redirect_uri not registered', () => {
  const refusal = async (redirectUri: string, callbacks: string[]) =>
    (await runChecks(validParams({ redirect_uri: redirectUri }), { clients: [aClient({ callbacks })] })).error?.message ?? '';

  it('names the registered URL that differs only by a trailing slash, and no other', async () => {
    const message = await refusal('http://localhost:3990/callback', ['https://staging.internal.example/cb', 'http://localhost:3990/callback/']);
    expect(message).toContain('A registered one differs only by a trailing slash: "http://localhost:3990/callback/"');
    expect(message).not.toContain('staging.internal.example');
  });

  it('says so when the application has no callback URLs at all', async () => {
    const message = await refusal('https://app.example/callback', []);
    expect(message).toContain('the application "Acme Web" has no Allowed Callback URLs yet');
  });

  it('names no registered URL when none is near', async () => {
    const message = await refusal('https://evil.example/callback', ['https://app.example/callback']);
    expect(message).toContain('is not one of the allowed callback URLs of the application "Acme Web"');
    expect(message).not.toContain('https://app.example/callback');
  });
});
