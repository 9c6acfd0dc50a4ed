import { describe, expect, it, jest } from '@jest/globals';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { TemporarilyUnavailableError } from '../../../src/errors/index.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';

/**
 * An error that reaches the handler after the status line went out (a session store failing while
 * express-session ends the response) goes to fitgate's log, never to stderr as Express's own
 * handler would print it.
 */
function appFailingAfter(whenAnswered: 'sent' | 'being written', logged: unknown[]) {
  const app = express();
  // Express's own handler prints errors on stderr except under NODE_ENV=test: run as production does.
  app.set('env', 'production');
  app.use((req: Request, _res: Response, next: NextFunction) => {
    req.id = req.get('X-Request-Id') ?? 'none';
    next();
  });
  app.get('/late', (_req: Request, res: Response, next: NextFunction) => {
    if (whenAnswered === 'sent') {
      res.once('finish', () => next(new TemporarilyUnavailableError('The session could not be stored.')));
      res.status(302).set('Location', '/elsewhere').end();
    } else {
      res.status(200).write('half a page');
      next(new Error('the page could not be finished'));
    }
  });
  app.use(errorHandler(views(), { error: (...args: unknown[]) => void logged.push(args) }));
  return app;
}

describe('an error after the answer was sent', () => {
  it('is logged once with the request id, and Express prints nothing', async () => {
    const logged: unknown[] = [];
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await request(appFailingAfter('sent', logged)).get('/late').set('X-Request-Id', 'late-1');
      expect(response.status).toBe(302);
      await new Promise((resolve) => setImmediate(resolve));
      expect(logged).toEqual([[{ reqId: 'late-1', err: expect.any(TemporarilyUnavailableError) }, 'request failed after its answer was sent']]);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it('cuts a response still being written, so the client never takes half a page for a whole one', async () => {
    const logged: unknown[] = [];
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(request(appFailingAfter('being written', logged)).get('/late')).rejects.toThrow(/aborted|socket hang up|ECONNRESET/i);
      expect(printed).not.toHaveBeenCalled();
      expect(logged).toEqual([]);
    } finally {
      printed.mockRestore();
    }
  });
});
