import type { Response } from 'express';
import { sandboxNotice } from '../upstream/sandbox_upstream.js';
import { sendHtml, views } from '../http/views.js';
import { sendWithTokenIfPrinted, tokenStandIn } from './csrf_token.js';
import { shownTime } from './relative_time.js';

declare module 'express-serve-static-core' {
  interface Locals {
    dashboard?: PageLocals;
  }
}

/** What every dashboard page may use besides its own data; set by dashboard middleware. */
export interface PageLocals {
  csrfToken?: string;
  adminEmail?: string;
  /** Tenants the signed-in admin manages (the switcher). */
  adminTenants?: string[];
  /** The tenant whose pages these are. */
  tenant?: string;
}

/**
 * Sends one page from views/dashboard with the dashboard's common data (CSRF token, signed-in admin,
 * tenant, the sandbox notice shown when `sandbox` is set, and `when(iso)` for dates shown as "3 minutes ago"
 * with the exact time on hover: views/dashboard/_time.eta). Never cached: some pages show a secret once, all show data only this admin may see.
 *
 * The sandbox notice names the page's connection by its plugin's `displayName`, when the page gives
 * one; a page may also give its own `sandboxNotice`.
 */
export function renderPage(res: Response, view: string, data: Record<string, unknown> = {}, status = 200): void {
  const when = (iso: string) => shownTime(iso);
  const path = `/dashboard/${view}`;
  const named = typeof data.displayName === 'string' ? [data.displayName] : [];
  const shown = { sandboxNotice: sandboxNotice(...named), when, ...res.locals.dashboard, ...data };
  const page = { ...shown, documentTitle: documentTitle(shown) };
  if (page.csrfToken !== undefined) return views().send(res, path, page, status);
  // A visitor without a session: one is stored only when the page has a form (csrf_token.ts).
  const standIn = tokenStandIn();
  const html = views().render(path, { ...page, csrfToken: standIn });
  sendWithTokenIfPrinted(res.req, html, standIn, (filled) => sendHtml(res, filled, status));
}

/** What a page's title says of it; `errors` is a refused form's errors by field, `error` the sign-in's. */
export interface TitledPage {
  title?: unknown;
  tenant?: string | undefined;
  section?: unknown;
  errors?: unknown;
  error?: unknown;
}

/**
 * The window's title: "<page> · <tenant> · fitgate", so two tenants open in two tabs can be told
 * apart ("Overview · default · fitgate" for a tenant's first page, titled by the tenant's name), and
 * "Error: " first on a page that shows a refused form, which a screen reader says on arrival.
 */
export function documentTitle(page: TitledPage): string {
  const title = typeof page.title === 'string' ? page.title : '';
  const named = page.section === 'overview' && title === page.tenant ? 'Overview' : title;
  const refused = Boolean(page.error) || (typeof page.errors === 'object' && page.errors !== null && Object.keys(page.errors).length > 0);
  const parts = [named, page.tenant, 'fitgate'].filter((part): part is string => Boolean(part));
  return `${refused ? 'Error: ' : ''}${[...new Set(parts)].join(' · ')}`;
}
