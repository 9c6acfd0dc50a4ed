import type { Request, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { views } from '../../../http/views.js';
import type { AuthorizeContext, AuthorizeParams } from './authorize_context.js';
import { usesSandbox } from '../../../domain/sandbox_use.js';
import { sandboxNotice } from '../../../upstream/sandbox_upstream.js';

/** What this file reads of the app's dependencies. */
type UniversalLoginDeps = Pick<AppDeps, 'plugins' | 'sandbox'>;

/**
 * The Universal Login page: the connections enabled for the client, each a link back to /authorize
 * with `connection=` added. A link, not a form: the CSP's form-action would block a form's redirect
 * on to the upstream (see http/security_headers.ts).
 */
export function renderUniversalLogin(deps: UniversalLoginDeps, req: Request, res: Response, ctx: AuthorizeContext): void {
  const plugins = deps.plugins;
  const choices = ctx.enabledConnections.map((connection) => {
    const plugin = plugins.get(connection.strategy);
    return {
      name: connection.name,
      label: `Continue with ${plugin?.displayName ?? connection.name}`,
      mark: plugin?.mark,
      href: `/authorize?${withConnection(ctx.params, connection.name)}`,
    };
  });
  views().send(res, 'login/universal_login', {
    title: `Log in to ${ctx.client?.name ?? 'the application'}`,
    clientName: ctx.client?.name,
    tenantName: ctx.tenant.name,
    choices,
    sandboxNotice: noticeOf(deps, ctx.enabledConnections),
  });
}

/** The sandbox banner, naming the offered connections that log in through the sandbox; none: no banner. */
function noticeOf(deps: UniversalLoginDeps, connections: AuthorizeContext['enabledConnections']): string | undefined {
  const sandboxed = connections.filter((connection) => usesSandbox(deps.sandbox, connection));
  return sandboxed.length > 0 ? sandboxNotice(...sandboxed.map((connection) => deps.plugins.get(connection.strategy)?.displayName ?? connection.name)) : undefined;
}

function withConnection(params: AuthorizeParams, connection: string): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  query.set('connection', connection);
  return query.toString();
}
