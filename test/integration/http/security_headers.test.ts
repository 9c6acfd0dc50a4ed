import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { allowFormRedirectsTo, securityHeaders } from '../../../src/http/security_headers.js';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

describe('security headers', () => {
  let fixture: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    fixture = await startTestApp();
    await fixture.addTenant('default');
    const response = await request(fixture.app).get('/anything').set('Host', 'localhost:3000').set('Accept', 'text/html');
    headers = response.headers as Record<string, string>;
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  const directive = (name: string) =>
    (headers['content-security-policy'] ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));

  it('allows scripts and styles only from fitgate itself: nothing inline', () => {
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('style-src')).toBe("style-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('keeps forms on the site and the pages out of frames', () => {
    expect(directive('form-action')).toBe("form-action 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('lets pages show profile pictures from the upstream', () => {
    expect(directive('img-src')).toBe("img-src 'self' data: https:");
  });

  it('sends no Referer from sign-in pages and no X-Powered-By', () => {
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('sets the same headers on health checks and error pages for unknown hosts', async () => {
    for (const [path, host] of [
      ['/health/live', 'anything'],
      ['/', 'unknown.example'],
    ] as const) {
      const response = await request(fixture.app).get(path).set('Host', host);
      expect(response.headers['content-security-policy']).toBe(headers['content-security-policy']);
    }
  });
});

describe('widening form-action for one response', () => {
  const app = express();
  app.use(securityHeaders());
  app.get('/consent', (_req, res) => {
    allowFormRedirectsTo(res, ['https://app.example.com/callback?x=1', 'http://localhost:4000']);
    res.send('form');
  });
  app.get('/native', (_req, res) => {
    allowFormRedirectsTo(res, ['com.example.app:/callback']);
    res.send('form');
  });
  app.get('/other', (_req, res) => {
    res.send('page');
  });

  it('adds exactly the named origins on that response and leaves every other response strict', async () => {
    const widened = await request(app).get('/consent');
    expect(widened.headers['content-security-policy']).toContain("form-action 'self' https://app.example.com http://localhost:4000");
    const strict = await request(app).get('/other');
    expect(strict.headers['content-security-policy']).toContain("form-action 'self'");
    expect(strict.headers['content-security-policy']).not.toContain('app.example.com');
  });

  it('names an address without an origin (a native app’s own scheme) by its scheme, never as "null"', async () => {
    const widened = await request(app).get('/native');
    expect(widened.headers['content-security-policy']).toMatch(/form-action 'self' com\.example\.app:(;|$)/);
    expect(widened.headers['content-security-policy']).not.toContain('null');
  });
});
