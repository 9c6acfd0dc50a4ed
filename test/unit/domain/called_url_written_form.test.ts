import { describe, expect, it } from '@jest/globals';
import { calledUrlProblem, writtenCalledUrlProblem } from '../../../src/domain/application_urls.js';
import type { CalledUrlReach } from '../../../src/domain/called_url_reach.js';

const DEVELOPMENT: CalledUrlReach = { internal: true, ownPorts: new Map() };

/**
 * A back-channel logout URL is written in the form the other application URLs are: what is stored
 * is what a person reads in the field and what the parser calls. Only where it is written: a stored
 * one keeps being called.
 */
describe('the written form of a back-channel logout URL', () => {
  it.each([
    ['HTTPS://A.EXAMPLE.COM/bcl', 'has upper-case letters in its scheme or host; SDKs send it in lower case: use https://a.example.com/bcl'],
    ['https://ünicode.example/bcl', 'has a non-ASCII host: write it in punycode, https://xn--nicode-2ya.example/bcl'],
    ['https://a.example.com/bcl\u200b', 'contains a zero-width space (U+200B), an invisible character copied with it (character 26): delete it'],
    ['https:a.example.com/bcl', 'has no "//" after "https:": use https://a.example.com/bcl'],
    ['https://0x7f.1/bcl', 'has a host the browser reads as 127.0.0.1: use https://127.0.0.1/bcl'],
    ['https://a.example.com/bcl?x=ü', 'has characters outside ASCII in its query: percent-encode them: https://a.example.com/bcl?x=%C3%BC'],
    ['https://a.example.com:443/bcl', 'has the default port of https (443), which browsers and SDKs leave out: use https://a.example.com/bcl'],
    ['http://localhost:4000/a/../bcl', 'has "." or ".." segments in its path, which browsers and SDKs resolve: use http://localhost:4000/bcl'],
  ])('refuses to write %s, saying what to type, though a stored one is still called', (url, reason) => {
    expect(writtenCalledUrlProblem(url, DEVELOPMENT)).toBe(reason);
    expect(calledUrlProblem(url, DEVELOPMENT)).toBeUndefined();
  });

  it('keeps the rule of URLs fitgate calls first: its reason comes before the form rule', () => {
    expect(writtenCalledUrlProblem('HTTP://APP.EXAMPLE.COM/bcl', DEVELOPMENT)).toContain('must use https (fitgate calls this URL itself');
  });

  it.each(['https://a.example.com/bcl', 'http://localhost:4000/bcl', 'http://[::1]/bcl', 'https://a.example.com/bcl?ids=1,2'])('writes %s', (url) => {
    expect(writtenCalledUrlProblem(url, DEVELOPMENT)).toBeUndefined();
  });
});
