import type { Request } from 'express';
import { authenticateBearer, requireScope } from '../bearer.js';
import { UpstreamError } from '../errors.js';
import type { AccessTokenRecord } from '../records.js';
import type { EmulatorState } from '../state.js';
import type { TestUser } from '../types.js';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fitbit's 400 for a bad parameter, naming it. */
export function validation(fieldName: string, message: string): UpstreamError {
  const error = new UpstreamError(400, 'validation', message);
  error.fieldName = fieldName;
  return error;
}

/** Authenticates the bearer token, checks the path's user (`-` or their own id) and the scope. */
export function legacyCaller(state: EmulatorState, req: Request, scope: string): { token: AccessTokenRecord; user: TestUser } {
  const token = authenticateBearer(state, req, 'fitbit-legacy');
  const user = state.users.get(token.login);
  const pathUser = req.params.userId;
  if (!user) throw new UpstreamError(401, 'invalid_token', 'Access token invalid.');
  if (pathUser !== '-' && pathUser !== user.legacyUserId) {
    throw new UpstreamError(403, 'insufficient_permissions', 'This application does not have permission to access data of that user.');
  }
  requireScope(token, token.scopes.includes(scope), scope);
  return { token, user };
}
