import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { NotFoundError } from '../errors/index.js';
import { renderPage } from './views.js';

/**
 * A signed-in admin who follows a stale link (a deleted application, a typo in the address) stays in
 * the dashboard: its layout, its navigation, and a way back to where they were likely going. Other
 * errors, and every visitor without a session, get the shared error pages.
 */
export function dashboardNotFound(): { unknownPath: RequestHandler; notFoundError: ErrorRequestHandler } {
  const page = (req: Request, res: Response, message: string) => {
    const tenant = res.locals.managedTenant?.name ?? res.locals.dashboard?.tenant;
    const home = tenant ? `/manage/t/${encodeURIComponent(tenant)}` : '/manage';
    renderPage(
      res,
      'message',
      {
        title: 'Page not found',
        message,
        path: req.originalUrl.split('?')[0],
        link: { href: home, text: tenant ? `Back to the overview of ${tenant}` : 'Back to the dashboard' },
        ...(tenant ? { section: sectionOf(req.originalUrl) } : {}),
      },
      404,
    );
  };
  return {
    unknownPath: (req, res) => page(req, res, 'There is no dashboard page at this address.'),
    notFoundError: (error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (!(error instanceof NotFoundError) || !res.locals.admin || res.headersSent) return next(error);
      page(req, res, error.description);
    },
  };
}

/** The navigation entry to highlight, from /manage/t/NAME/SECTION/... */
function sectionOf(url: string): string | undefined {
  return /^\/manage\/t\/[^/]+\/([a-z]+)/.exec(url)?.[1];
}
