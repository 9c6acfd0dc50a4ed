import { describe, expect, it } from '@jest/globals';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8';

/**
 * An error raised before any router declared its format (the tenant could not be resolved: the store
 * is out) is answered by the endpoint's kind: the back channel's OAuth JSON whatever the Accept, a
 * page only where people are (the browser endpoints), as the browser asks.
 */
describe('the error format of a failure before the routers', () => {
  const app = express();
  // Stands for tenant resolution failing on every path: no router has run.
  app.use((_req: Request, _res: Response, next: NextFunction) => next(new StoreUnavailableError()));
  app.use(errorHandler(views(), { error: () => undefined }));

  it.each([
    ['post', '/oauth/token'],
    ['post', '/oauth/revoke'],
    ['get', '/userinfo'],
    ['get', '/.well-known/openid-configuration'],
    ['get', '/.well-known/jwks.json'],
    ['get', '/OAuth/Token/'],
  ] as const)('%s %s answers OAuth JSON to a client that prefers HTML', async (method, path) => {
    const response = await request(app)[method](path).set('Accept', BROWSER_ACCEPT);
    expect(response.status).toBe(503);
    expect(response.type).toBe('application/json');
    expect(response.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/try again/i) });
  });

  it('answers the Management API in its own JSON to a client that prefers HTML', async () => {
    const response = await request(app).get('/api/v2/users').set('Accept', BROWSER_ACCEPT);
    expect(response.type).toBe('application/json');
    expect(response.body).toMatchObject({ statusCode: 503, errorCode: 'temporarily_unavailable' });
  });

  it.each(['/authorize', '/login/callback', '/v2/logout', '/manage'])('answers %s with a page to a browser', async (path) => {
    const response = await request(app).get(path).set('Accept', BROWSER_ACCEPT);
    expect(response.status).toBe(503);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('Temporarily unavailable');
  });

  // Their routers answer a page whatever the Accept: so does a failure before them.
  it.each(['/authorize', '/login/callback', '/login/consent'])('answers %s with a page to curl’s */* and to a client asking for JSON', async (path) => {
    for (const accept of ['*/*', 'application/json']) {
      const response = await request(app).get(path).set('Accept', accept);
      expect(response.status).toBe(503);
      expect(response.type).toBe('text/html');
    }
  });
});
