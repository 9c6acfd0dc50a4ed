import type { Request } from 'express';
import { NotFoundInStoreError } from '../domain/ports.js';
import { ResourceNotFoundError } from '../errors/index.js';

/** A path parameter the route declares (Express has already decoded it). */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || value === '') throw new ResourceNotFoundError(`Missing path parameter ${name}.`);
  return value;
}

/** The 404 for a record that is not there, in Auth0's words. */
export function notFound(what: 'client' | 'connection' | 'user' | 'log', id: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`The ${what} does not exist: ${id}`, `inexistent_${what}`);
}

/** The record named by the `:id` path parameter in the caller's tenant, or its 404. */
export async function recordOr404<T>(
  req: Request,
  what: 'client' | 'connection' | 'user',
  load: (tenant: string, id: string) => Promise<T | undefined>,
): Promise<T> {
  const id = pathParam(req, 'id');
  const record = await load(req.context.tenant.name, id);
  if (record === undefined) throw notFound(what, id);
  return record;
}

/**
 * `write`, with `missing`'s error when its record is not in the store (deleted since the read that
 * found it, a cached one on this worker or from another's moment ago).
 */
export async function orWhenMissing<T>(missing: () => Error, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw error instanceof NotFoundInStoreError ? missing() : error;
  }
}
