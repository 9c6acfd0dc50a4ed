import { describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { InvalidClientError, InvalidGrantError, InvalidTokenError, ResourceNotFoundError, TemporarilyUnavailableError } from '../../../src/errors/index.js';
import { answerErrorsAs } from '../../../src/http/error_format.js';
import { errorHandler, notFound } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';

const SECRET_DETAIL = 'db password is hunter2-marker';

/** Routes that throw each kind of error, answered by the real handler and the real error page. */
function appThrowing(): Express {
  const app = express();
  app.get('/grant', () => {
    throw new InvalidGrantError('The authorization code has expired.');
  });
  app.post('/token', answerErrorsAs('oauth'), () => {
    throw new InvalidClientError('Client authentication failed.');
  });
  app.get('/userinfo', answerErrorsAs('oauth'), () => {
    throw new InvalidTokenError('The access token expired.');
  });
  app.get('/api/v2/users/:id', () => {
    throw new ResourceNotFoundError('The user does not exist.');
  });
  app.get('/bug', () => {
    throw new Error(SECRET_DETAIL);
  });
  app.get('/upstream', answerErrorsAs('html'), () => {
    throw new TemporarilyUnavailableError('Fitbit is not answering.');
  });
  app.use(notFound());
  app.use(errorHandler(views(), { error: () => undefined }));
  return app;
}

describe('the error handler', () => {
  const app = appThrowing();

  it("answers OAuth errors to programs as RFC 6749 JSON, not cacheable", async () => {
    const response = await request(app).get('/grant').set('Accept', 'application/json');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has expired.' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers the same error to a browser with a page saying what happened and what to do', async () => {
    const response = await request(app).get('/grant').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(response.status).toBe(400);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('The authorization code has expired.');
    expect(response.text).toContain('Go back and try again');
    expect(response.text).toContain('invalid_grant');
  });

  it('names the Basic scheme in WWW-Authenticate when a client failed Basic authentication', async () => {
    const response = await request(app).post('/token').set('Authorization', 'Basic Zm9vOmJhcg==');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="/);
    expect(response.body.error).toBe('invalid_client');
  });

  it('names the Bearer scheme and the error in WWW-Authenticate for an invalid access token (RFC 6750)', async () => {
    const response = await request(app).get('/userinfo');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="fitgate", error="invalid_token", error_description="The access token expired."',
    );
  });

  it('answers Management API errors in Auth0 shape on /api/v2 whatever the Accept header', async () => {
    const response = await request(app).get('/api/v2/users/fitbit%7C1').set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'The user does not exist.',
      errorCode: 'inexistent_resource',
    });
  });

  it('gives Management-shaped 404s to unknown /api/v2 paths', async () => {
    const response = await request(app).get('/api/v2/nothing');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', errorCode: 'not_found' });
  });

  it('answers an unexpected error with a generic 500 that shows neither its message nor a stack', async () => {
    for (const accept of ['application/json', 'text/html']) {
      const response = await request(app).get('/bug').set('Accept', accept);
      expect(response.status).toBe(500);
      expect(response.text).not.toContain('hunter2');
      expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(response.text).toContain('The server could not complete the request.');
    }
  });

  it('shows the description of an upstream outage, which the person can act on', async () => {
    const response = await request(app).get('/upstream');
    expect(response.status).toBe(503);
    expect(response.text).toContain('Fitbit is not answering.');
    expect(response.text).toContain('Reload this page to try again');
  });
});
