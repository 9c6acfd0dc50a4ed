import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { bodyLimitExceeded, shownSize } from '../http/request_errors.js';
import { renderPage } from './views.js';

/**
 * A dashboard form over the body limit (a pasted list, a large metadata value) is refused by the
 * app's body parser before the dashboard's router runs, so its own pages never see it. This error
 * handler, mounted at /manage after the parsers, answers it as the dashboard answers other refused
 * forms (csrf.ts): a page in the dashboard's layout that says what happened and how much is accepted,
 * whatever the request's Accept. Anything else goes on to the shared error handler.
 */
export function oversizeFormPage(): ErrorRequestHandler {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimitExceeded(error);
    if (limit === undefined || res.headersSent) return next(error);
    renderPage(
      res,
      'message',
      {
        title: 'This form is too large',
        message: `The form you sent is larger than fitgate accepts (at most ${shownSize(limit)}), so it was not read. Nothing was changed. Go back, shorten what you entered and send it again.`,
      },
      413,
    );
  };
}
