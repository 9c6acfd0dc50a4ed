import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { StoreFullError, StoreUnavailableError } from '../../../src/errors/index.js';
import { answerErrorsAs } from '../../../src/http/error_format.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';

/**
 * The "Temporarily unavailable" page gives one estimate of when to try again: its description's
 * (seconds for a store out of reach, minutes for a full one), never a second one of the page's own.
 */
describe('the 503 page', () => {
  const app = express();
  app.get('/unreachable', answerErrorsAs('html'), () => {
    throw new StoreUnavailableError();
  });
  app.get('/full', answerErrorsAs('html'), () => {
    throw new StoreFullError();
  });
  app.use(errorHandler(views(), { error: () => undefined }));

  it.each([
    ['/unreachable', 'a few seconds'],
    ['/full', 'a few minutes'],
  ])('at %s says "%s" and no other estimate', async (path, estimate) => {
    const page = await request(app).get(path);
    expect(page.status).toBe(503);
    expect(page.text).toContain('Temporarily unavailable');
    const estimates = page.text.match(/in a (few|couple of) (seconds|minutes|moments)|in a moment/gi) ?? [];
    expect(estimates.map((found) => found.toLowerCase())).toEqual([`in ${estimate}`]);
  });
});
