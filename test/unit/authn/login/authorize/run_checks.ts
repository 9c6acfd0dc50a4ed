import { errorResponseMode } from '../../../../../src/authn/login/authorize/error_response_mode.js';
import { runAuthorizeChecks, newAuthorizeContext } from '../../../../../src/authn/login/authorize/pipeline.js';
import type { AuthorizeContext, AuthorizeParams } from '../../../../../src/authn/login/authorize/authorize_context.js';
import type { AppError } from '../../../../../src/errors/index.js';
import type { Client, Connection } from '../../../../../src/domain/types.js';
import { aClient, aConnection, aPublicClient, aTenant } from '../../../../support/authn/records.js';
import { memoryClients, memoryConnections } from '../../../../support/authn/memory_repositories.js';

export interface CheckOutcome {
  ctx: AuthorizeContext;
  error?: AppError;
  /** Whether the error would go back to the client (true) or be shown as a page (false). */
  redirected: boolean;
}

/** A valid request from the confidential web client; override any parameter (undefined removes it). */
export function validParams(overrides: Record<string, string | undefined> = {}): AuthorizeParams {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'web_app_client',
    redirect_uri: 'https://app.example/callback',
    scope: 'openid profile email',
    state: 'client-state',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as AuthorizeParams;
}

export async function runChecks(
  params: AuthorizeParams,
  records: { clients?: Client[]; connections?: Connection[] } = {},
): Promise<CheckOutcome> {
  const ctx = newAuthorizeContext(aTenant(), 'https://acme.example', params);
  const deps = {
    clients: memoryClients(records.clients ?? [aClient(), aPublicClient()]),
    connections: memoryConnections(records.connections ?? [aConnection()]),
    strategies: new Set(['fitbit']),
  };
  try {
    await runAuthorizeChecks(ctx, deps);
    return { ctx, redirected: false };
  } catch (error) {
    return { ctx, error: error as AppError, redirected: ctx.redirectUri !== undefined && errorResponseMode(ctx) !== undefined };
  }
}
