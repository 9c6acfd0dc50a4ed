import { describe, expect, it } from '@jest/globals';
import { parseOriginList, parseUrlList } from '../../../../src/dashboard/applications/url_list.js';

describe('allowed callback and logout URLs', () => {
  it('accepts one URL per line (LF or CRLF, as a browser posts a textarea), dropping blanks and repeats', () => {
    expect(parseUrlList(' https://a.example/cb \r\n\r\nhttps://b.example/cb\nhttps://a.example/cb ', 'regular_web')).toEqual({
      ok: true,
      urls: ['https://a.example/cb', 'https://b.example/cb'],
    });
  });

  it('keeps a comma inside a URL: only a line break separates two URLs', () => {
    expect(parseUrlList('https://app.example/cb?ids=1,2\nhttps://app.example/cb?next=x,https%3A%2F%2Fother.example%2Fcb', 'regular_web')).toEqual({
      ok: true,
      urls: ['https://app.example/cb?ids=1,2', 'https://app.example/cb?next=x,https%3A%2F%2Fother.example%2Fcb'],
    });
  });

  it('refuses a comma-separated list (as Auth0’s dashboard takes it) and says to put each URL on its own line', () => {
    expect(parseUrlList('https://a.example/cb, https://b.example/cb', 'regular_web')).toEqual({
      ok: false,
      message: 'https://a.example/cb, https://b.example/cb: must not contain spaces, control characters or backslashes. Put each URL on a line of its own.',
    });
    expect(parseOriginList('https://a.example,https://b.example')).toMatchObject({ ok: false, message: expect.stringMatching(/ Put each URL on a line of its own\.$/) });
    // Without the space it would parse as one URL, which no login sends: refused all the same.
    expect(parseUrlList('https://a.example/cb,https://b.example/cb', 'regular_web')).toEqual({
      ok: false,
      message: 'https://a.example/cb,https://b.example/cb: holds a second address after a comma (list each URL on its own). Put each URL on a line of its own.',
    });
  });

  it('accepts plain http only for loopback hosts', () => {
    for (const url of ['http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://[::1]:8080/cb', 'http://app.localhost/cb']) {
      expect(parseUrlList(url, 'spa').ok).toBe(true);
    }
    expect(parseUrlList('http://app.example/cb', 'spa')).toEqual({
      ok: false,
      message: 'http://app.example/cb: must use https (plain http is allowed only for loopback hosts: localhost, 127.0.0.0/8, [::1]).',
    });
  });

  it('refuses relative URLs, fragments and wildcards, naming the URL', () => {
    expect(parseUrlList('/cb', 'regular_web')).toMatchObject({ ok: false, message: expect.stringContaining('/cb: is not an absolute URL') });
    expect(parseUrlList('https://a.example/cb#x', 'regular_web')).toMatchObject({ ok: false, message: expect.stringContaining('fragment') });
    expect(parseUrlList('https://*.a.example/cb', 'regular_web')).toMatchObject({ ok: false, message: expect.stringContaining('wildcards') });
    expect(parseUrlList('javascript:alert(1)//', 'regular_web')).toMatchObject({ ok: false, message: expect.stringContaining('never allowed') });
  });

  it('reads origins with the origin rule', () => {
    expect(parseOriginList('https://a.example\nhttp://localhost:5173')).toEqual({ ok: true, urls: ['https://a.example', 'http://localhost:5173'] });
    expect(parseOriginList('https://a.example/path')).toMatchObject({ ok: false, message: expect.stringContaining('origin only') });
  });

  it('lets only native apps use a reverse-domain private-use scheme', () => {
    expect(parseUrlList('com.example.app:/callback', 'native').ok).toBe(true);
    expect(parseUrlList('com.example.app:/callback', 'spa').ok).toBe(false);
    expect(parseUrlList('myapp:/callback', 'native').ok).toBe(false);
  });
});
