import { AppError } from '../../errors/index.js';

/** The error code a caller received for `error`, as a metric's result label: a fixed OAuth code, never a message. */
export function outcomeCode(error: unknown): string {
  return error instanceof AppError ? error.code : 'server_error';
}
