import { join } from 'node:path';
import type { Response } from 'express';
import { Eta } from 'eta';
import { escapeHtmlText } from './html_text.js';
import { projectRoot } from './project_root.js';

/**
 * Server-rendered pages on Eta, rooted at views/. Auto-escaping is on: `<%= x %>` prints text, and
 * only `<%~ %>` (reserved for already-rendered markup such as a layout's `it.body` or an include)
 * prints raw. A page names its layout and pulls in partials by absolute path:
 *
 *   <% layout('/layouts/page', { title: 'Sign in' }) %>
 *   <%~ include('/partials/sandbox_banner', { sandbox: it.sandbox }) %>
 *   <h1><%= it.heading %></h1>
 *
 * views/layouts/page.eta is the HTML shell (title, stylesheet, optional `scripts`: a list of
 * /static paths, since the CSP allows no inline script or style). Areas keep their templates in
 * their own folder (views/authn, views/dashboard, views/errors).
 */
export interface Views {
  /** The rendered HTML of `view` (a path under views/, without .eta). */
  render(view: string, data?: Record<string, unknown>): string;
  /** Renders and sends a page; never cached, since pages may show data only this visitor may see. */
  send(res: Response, view: string, data?: Record<string, unknown>, status?: number): void;
}

export function createViews(root = join(projectRoot(), 'views')): Views {
  const eta = new Eta({ views: root, autoEscape: true, escapeFunction: escapeHtmlText, cache: true });
  return {
    render: (view, data = {}) => eta.render(view.startsWith('/') ? view : `/${view}`, data),
    send(res, view, data = {}, status = 200) {
      sendHtml(res, this.render(view, data), status);
    },
  };
}

/** Sends a rendered page; never cached, since pages may show data only this visitor may see. */
export function sendHtml(res: Response, html: string, status = 200): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

let shared: Views | undefined;

/** The views of this process, created on first use (reading templates is I/O, so not at import). */
export function views(): Views {
  shared ??= createViews();
  return shared;
}
