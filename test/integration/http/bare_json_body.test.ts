import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from './app_fixture.js';

const HOST = 'localhost:3000';

/**
 * A body of valid JSON that is not an object (null, a number, a string, a boolean) is refused as
 * what it is, not called invalid JSON; its value is never echoed, since a body may hold a secret.
 */
describe('a bare JSON value as the request body', () => {
  const fixture = useDefaultTenantApp();
  const post = (path: string, body: string) => request(fixture().app).post(path).set('Host', HOST).set('Content-Type', 'application/json').send(body);

  it.each([
    ['null', 'null'],
    ['1', 'a number'],
    ['"marker-secret-4711"', 'a string'],
    ['true', 'a boolean'],
  ])('answers %s on /api/v2 saying the body must be a JSON object', async (body, kind) => {
    const response = await post('/api/v2/clients', body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `The request body must be a JSON object (or an array, where the endpoint takes a list), not ${kind}.`,
      errorCode: 'invalid_request',
    });
    expect(response.text).not.toContain('marker-secret-4711');
  });

  it('answers it the same at the token endpoint, in OAuth\'s shape', async () => {
    const response = await post('/oauth/token', '"marker-secret-4711"');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request body must be a JSON object (or an array, where the endpoint takes a list), not a string.',
    });
  });

  it('still calls broken JSON not valid', async () => {
    const response = await post('/api/v2/clients', 'nul');
    expect((response.body as { message: string }).message).toBe('The request body is not valid JSON or form data.');
  });
});
