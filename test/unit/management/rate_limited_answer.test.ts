import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { TokenRateLimitedError } from '../../../src/domain/vault_errors.js';
import { answerErrorsAs } from '../../../src/http/error_format.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';
import { accessTokenErrorJson, accessTokenErrorOf } from '../../../src/management/users/access_token_error.js';
import { managementErrorOf } from '../../../src/management/vault_error_answer.js';

/**
 * What a caller of the Management API reads of the vault's rate limit, byte for byte: the answer of
 * a request failing with it, and the access_token_error GET /users/{id} puts on the identity. Both
 * give the seconds to wait rounded up to whole seconds, never below one.
 */
describe('the Management API’s answer to a vault rate limit', () => {
  it('is a 429 with Retry-After in whole seconds and Auth0’s error body', async () => {
    const app = express();
    app.get('/api/v2/users/:id', answerErrorsAs('management'), () => {
      throw managementErrorOf(new TokenRateLimitedError('The upstream rate-limited it.', 41.2));
    });
    app.use(errorHandler(views(), { error: () => undefined }));

    const answer = await request(app).get('/api/v2/users/fitbit%7C1');

    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('42');
    expect(answer.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'The upstream rate-limited it.', errorCode: 'too_many_requests' });
  });

  it('is, on an identity of GET /users/{id}, the same errorCode and message with the same seconds as retry_after', () => {
    expect(accessTokenErrorJson(accessTokenErrorOf(new TokenRateLimitedError('The upstream rate-limited it.', 41.2)))).toEqual({
      errorCode: 'too_many_requests',
      message: 'The upstream rate-limited it.',
      retry_after: 42,
    });
    expect(accessTokenErrorJson(accessTokenErrorOf(new TokenRateLimitedError('wait', 0.2)))).toEqual({ errorCode: 'too_many_requests', message: 'wait', retry_after: 1 });
  });
});
