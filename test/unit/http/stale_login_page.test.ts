import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { InvalidRequestError } from '../../../src/errors/index.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';
import { StaleLoginError } from '../../../src/upstream/stale_login_error.js';

const BROWSER = 'text/html,application/xhtml+xml,*/*;q=0.8';

/**
 * A login the callback cannot match (expired, finished already, another browser, cookies blocked)
 * is nobody's mistake in the request: its page must not send the person to the application's
 * developer, and must name cookies, the one cause that brings the page back on every attempt.
 */
describe('the page of a login the callback cannot match', () => {
  const app = express();
  app.get('/login/callback', () => {
    throw new StaleLoginError();
  });
  app.get('/authorize', () => {
    throw new InvalidRequestError('The scope is malformed.');
  });
  app.use(errorHandler(views(), { error: () => undefined }));

  it('says the login could not be finished, to log in again, and that cookies may be blocked', async () => {
    const response = await request(app).get('/login/callback').set('Accept', BROWSER);
    expect(response.status).toBe(400);
    expect(response.text).toContain('<h1 id="error-title">This login could not be finished</h1>');
    expect(response.text).toContain('Go back to the application and log in again.');
    expect(response.text).toContain('blocking cookies from this site');
    expect(response.text).not.toContain('tell its developer');
  });

  it('leaves the general advice of a 400 to requests an application got wrong', async () => {
    const response = await request(app).get('/authorize').set('Accept', BROWSER);
    expect(response.text).toContain('This request cannot be completed');
    expect(response.text).toContain('tell its developer');
  });
});
