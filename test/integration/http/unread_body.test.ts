import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from './app_fixture.js';

const HOST = 'localhost:3000';

// A body no parser reads (another Content-Type) is refused, never handled as if nothing was sent.
describe('a request body of a type fitgate does not read', () => {
  const fixture = useDefaultTenantApp();

  it('is a 415 invalid_request at an OAuth endpoint, not "grant_type is required"', async () => {
    const response = await request(fixture().app)
      .post('/oauth/token')
      .set('Host', HOST)
      .set('Content-Type', 'text/plain')
      .send('{"grant_type":"client_credentials"}');
    expect(response.status).toBe(415);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request body must be application/json or application/x-www-form-urlencoded (UTF-8).',
    });
  });

  it('is a 415 in the Management API shape, before any route could answer 200 having changed nothing', async () => {
    const response = await request(fixture().app).patch('/api/v2/clients/any').set('Host', HOST).set('Content-Type', 'text/plain').send('{"name":"x"}');
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ statusCode: 415, errorCode: 'invalid_request' });
  });

  it('is a readable page for a browser', async () => {
    const response = await request(fixture().app)
      .post('/manage/login')
      .set('Host', HOST)
      .set('Accept', 'text/html')
      .field('email', 'admin@example.com');
    expect(response.status).toBe(415);
    expect(response.text).toContain('This request cannot be read');
  });

  it('lets an empty body of any type through to its route', async () => {
    const response = await request(fixture().app).post('/oauth/token').set('Host', HOST).set('Content-Type', 'text/plain').set('Content-Length', '0');
    expect(response.status).toBe(400);
    expect(response.body.error_description).toMatch(/grant_type/);
  });
});
