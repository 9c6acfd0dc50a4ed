import type { PluginFailure } from '../connections/plugin.js';
import { readPluginFailure } from '../domain/read_plugin_failure.js';
import { AppError } from '../errors/index.js';
import { asStoreUnavailable } from '../store/store_unavailable.js';

/**
 * Whose failure an error is, decided once for every flow that reaches an upstream (a login, TRY):
 * - `own`: fitgate's, an error it answers itself: an AppError (its store down or busy, a resolver's
 *   refusal, a refusal of the request), or a store driver's error that means "cannot answer now"
 *   (SQLITE_BUSY, a Redis connection down), read as the 503 it is;
 * - `upstream`: a plugin failure (read_plugin_failure.ts), the upstream's or the user's answer there;
 * - `unexplained`: anything else, a fault of fitgate or of a plugin breaking its contract, which no
 *   client is told the details of.
 * Plugins import nothing of the host, so none of their failures is an AppError. A plugin failure is
 * read before the store's errors, since one may carry the network error under it as its `cause`
 * (ECONNRESET from the upstream), which asStoreUnavailable, following causes, would take for the store.
 */
export type FailureOrigin = { own: AppError } | { upstream: PluginFailure } | { unexplained: unknown };

export function failureOrigin(error: unknown): FailureOrigin {
  if (error instanceof AppError) return { own: error };
  const failure = readPluginFailure(error);
  if (failure) return { upstream: failure };
  const storeDown = asStoreUnavailable(error);
  if (storeDown) return { own: storeDown };
  return { unexplained: error };
}
