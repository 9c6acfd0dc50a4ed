import { describe, expect, it } from '@jest/globals';
import { firstApplicationUrlProblem, isLoopbackHost, originProblem, redirectUrlProblem } from '../../../src/domain/application_urls.js';

describe('the application URL rule', () => {
  it.each([
    'https://app.example/callback',
    'https://app.example:8443/cb?tenant=a',
    'http://localhost:3000/cb',
    'http://127.0.0.1/cb',
    'http://127.45.0.9:8080/cb',
    'http://[::1]:8080/cb',
    'http://app.localhost/cb',
  ])('accepts %s as a callback of a web application', (url) => {
    expect(redirectUrlProblem(url, 'regular_web')).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)//', 'javascript: scheme, which is never allowed'],
    ['JavaScript:alert(1)', 'javascript: scheme, which is never allowed'],
    ['data:text/html,<script>alert(1)</script>', 'data: scheme'],
    ['file:///etc/passwd', 'file: scheme'],
    ['https://app.example/cb#frag', 'fragment'],
    ['https://app.example/cb#', 'fragment'],
    ['https://user:pw@app.example/cb', 'user name or password'],
    ['https://@app.example/cb', 'user name or password'],
    ['https://*.app.example/cb', 'wildcards'],
    ['https://%2A.app.example/cb', 'wildcards'],
    ['https://%2a/cb', 'wildcards'],
    ['http://app.example/cb', 'must use https'],
    ['http://10.0.0.1/cb', 'must use https'],
    ['/callback', 'not an absolute URL'],
    ['//app.example/cb', 'not an absolute URL'],
    ['app.example/cb', 'not an absolute URL'],
    ['https://app.example\\@evil.example/cb', 'backslashes'],
    ['java\tscript:alert(1)', 'control characters'],
    [`https://app.example/${'a'.repeat(2048)}`, 'longer than 2048'],
    ['com.example.app:/callback', 'only native applications'],
  ])('refuses %s for a web application (%s)', (url, problem) => {
    expect(redirectUrlProblem(url, 'regular_web')).toContain(problem);
  });

  it('lets native applications use a reverse-domain private-use scheme, and nothing else custom (RFC 8252)', () => {
    expect(redirectUrlProblem('com.example.app:/callback', 'native')).toBeUndefined();
    expect(redirectUrlProblem('com.example.app://callback', 'native')).toBeUndefined();
    expect(redirectUrlProblem('myapp:/callback', 'native')).toContain('reverse-domain scheme');
    expect(redirectUrlProblem('javascript:alert(1)', 'native')).toContain('never allowed');
    expect(redirectUrlProblem('com.example.app://user@host/cb', 'native')).toContain('user name');
    expect(redirectUrlProblem('com.example.app:/cb#x', 'native')).toContain('fragment');
  });

  it('takes 127.0.0.0/8, [::1] and localhost names as loopback, and nothing that merely looks like them', () => {
    expect(['localhost', '127.0.0.1', '127.255.0.1', '[::1]', 'a.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.example', '128.0.0.1', '127.0.0.1.example', '[::2]', 'notlocalhost'].some(isLoopbackHost)).toBe(false);
  });

  it('accepts only bare origins as web origins', () => {
    expect(originProblem('https://app.example')).toBeUndefined();
    expect(originProblem('https://app.example:8443')).toBeUndefined();
    expect(originProblem('http://localhost:5173')).toBeUndefined();
    expect(originProblem('https://app.example/')).toContain('origin only');
    expect(originProblem('https://app.example/path')).toContain('origin only');
    expect(originProblem('https://app.example?x=1')).toContain('origin only');
    expect(originProblem('http://app.example')).toContain('must use https');
    expect(originProblem('https://*.app.example')).toContain('wildcards');
    // The URL parser decodes %2A to "*" in a host: a CSP or postMessage naming it would be a wildcard.
    expect(originProblem('https://%2A.app.example')).toContain('wildcards');
    expect(originProblem('com.example.app://x')).toContain('https origin');
  });

  it('refuses hosts with characters that would end a Content-Security-Policy source, however they are written', () => {
    for (const host of ['a;b.example', 'a,b.example', "a'b.example", 'a"b.example', 'a{b}.example', 'a%3Bb.example', 'a%2Cb.example']) {
      expect({ host, problem: originProblem(`https://${host}`) }).toEqual({ host, problem: expect.stringContaining('characters no host name has') });
    }
    for (const origin of ['https://app.example', 'https://my_app.internal.example', 'https://xn--bcher-kva.example', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'https://bücher.example']) {
      expect({ origin, problem: originProblem(origin) }).toEqual({ origin, problem: undefined });
    }
  });

  it('names the field, index and value of the first URL that breaks the rule', () => {
    expect(
      firstApplicationUrlProblem({
        appType: 'spa',
        callbacks: ['https://ok.example/cb'],
        allowedLogoutUrls: ['https://ok.example/', 'https://app.example/#top'],
        webOrigins: ['https://app.example/x'],
      }),
    ).toEqual({ field: 'allowed_logout_urls', index: 1, value: 'https://app.example/#top', problem: 'must not contain a fragment (#...)' });
    expect(firstApplicationUrlProblem({ appType: 'spa', webOrigins: ['https://a.example'], allowedOrigins: ['https://b.example/'] })).toMatchObject({
      field: 'allowed_origins',
      index: 0,
    });
    expect(firstApplicationUrlProblem({ appType: 'spa', callbacks: [] })).toBeUndefined();
  });
});
