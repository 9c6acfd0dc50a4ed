import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from './app_fixture.js';

const HOST = 'localhost:3000';

// The full app: body parsing, routing and the one error handler together.
describe('error responses of the app', () => {
  const fixture = useDefaultTenantApp();

  it('answers malformed JSON with a 400 invalid_request, not a 500, and does not echo the body', async () => {
    const response = await request(fixture().app)
      .post('/oauth/token')
      .set('Host', HOST)
      .set('Content-Type', 'application/json')
      .send('{"grant_type":"client_credentials","client_secret":"marker-secret-4711",');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_request', error_description: 'The request body is not valid JSON or form data.' });
    expect(response.text).not.toContain('marker-secret-4711');
  });

  it('answers malformed JSON on /api/v2 in the Management API shape', async () => {
    const response = await request(fixture().app)
      .post('/api/v2/clients')
      .set('Host', HOST)
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON or form data.',
      errorCode: 'invalid_request',
    });
  });

  it('answers an oversized body with 413, not a 500', async () => {
    const response = await request(fixture().app)
      .post('/oauth/token')
      .set('Host', HOST)
      .type('form')
      .send({ grant_type: 'client_credentials', padding: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.body.error).toBe('invalid_request');
  });

  it('shows a browser a 404 page for a path nobody serves, in the layout with its stylesheet', async () => {
    const response = await request(fixture().app).get('/no/such/page').set('Host', HOST).set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.text).toContain('<h1 id="error-title">Page not found</h1>');
    expect(response.text).toContain('There is no page at /no/such/page.');
    expect(response.text).toContain('href="/static/css/fitgate.css"');
  });

  it('escapes what the visitor typed when a page repeats it', async () => {
    const response = await request(fixture().app).get('/').set('Host', '<script>alert(1)</script>').set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('There is no fitgate tenant at &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('serves the stylesheet on any host, including one that is no tenant', async () => {
    const response = await request(fixture().app).get('/static/css/fitgate.css').set('Host', 'unknown.example');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/css');
  });
});
