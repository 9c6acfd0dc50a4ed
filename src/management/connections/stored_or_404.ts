import { NotFoundInStoreError } from '../../domain/ports.js';
import type { Connection } from '../../domain/types.js';
import { notFound } from '../params.js';

/**
 * A change to `connection` as stored (updateConnection); its 404 when the connection was deleted
 * since the read that found it (a cached one, on this worker or from another's moment ago).
 */
export async function storedOr404<T>(connection: Connection, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    throw error instanceof NotFoundInStoreError ? notFound('connection', connection.id) : error;
  }
}
