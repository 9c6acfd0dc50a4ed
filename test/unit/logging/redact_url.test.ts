import { describe, expect, it } from '@jest/globals';
import { redactUrl } from '../../../src/logging/redact_url.js';

describe('redactUrl', () => {
  it('replaces the value of every secret query parameter and keeps the others', () => {
    expect(redactUrl('/login/callback?code=abc&state=xyz&iss=https%3A%2F%2Fid.example')).toBe(
      '/login/callback?code=[REDACTED]&state=[REDACTED]&iss=https%3A%2F%2Fid.example',
    );
  });

  it('redacts absolute URLs, fragments and percent-encoded or upper-case parameter names', () => {
    expect(redactUrl('https://app.example/cb#access_token=t1&token_type=Bearer')).toBe(
      'https://app.example/cb#access_token=[REDACTED]&token_type=Bearer',
    );
    expect(redactUrl('/x?Client_Secret=s&refresh%5Ftoken=r')).toBe('/x?Client_Secret=[REDACTED]&refresh%5Ftoken=[REDACTED]');
  });

  it('redacts a login_hint, usually an email address, on /authorize and on the redirect upstream', () => {
    expect(redactUrl('/authorize?client_id=abc&login_hint=jane%40example.com&connection=fitbit')).toBe(
      '/authorize?client_id=abc&login_hint=[REDACTED]&connection=fitbit',
    );
    expect(redactUrl('https://accounts.google.com/o/oauth2/v2/auth?login_hint=jane%40example.com&scope=openid')).toBe(
      'https://accounts.google.com/o/oauth2/v2/auth?login_hint=[REDACTED]&scope=openid',
    );
  });

  it('redacts a logout_hint, a session id at fitgate but an email address for some applications', () => {
    expect(redactUrl('/oidc/logout?client_id=abc&logout_hint=jane%40example.com&state=s')).toBe(
      '/oidc/logout?client_id=abc&logout_hint=[REDACTED]&state=[REDACTED]',
    );
  });

  it('redacts the ticket of a set-password link, a path segment, and keeps what follows it', () => {
    expect(redactUrl('/manage/set-password/t-Fh_BO?x=1')).toBe('/manage/set-password/[REDACTED]?x=1');
    expect(redactUrl('https://id.example/manage/set-password/abc#top')).toBe('https://id.example/manage/set-password/[REDACTED]#top');
  });

  it('leaves a URL without secrets unchanged, including malformed escapes', () => {
    expect(redactUrl('/authorize?client_id=abc&scope=openid%20profile&bad=%E0%A4%A')).toBe(
      '/authorize?client_id=abc&scope=openid%20profile&bad=%E0%A4%A',
    );
  });
});
