import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

// Whole seconds, at most nine digits (31 years): a longer bound is no bound, and the number stays exact.
const SECONDS = /^\d{1,9}$/;

/**
 * OpenID Connect Core §3.1.2.1 max_age: how long ago, in seconds, the user may last have signed
 * in. An interactive login signs in anew upstream, so it always satisfies it; prompt=none holds the
 * session's sign-in time against it (authorize_endpoint.ts).
 */
export const checkMaxAge: AuthorizeCheck = (ctx) => {
  const value = ctx.params.max_age;
  if (value === undefined) return;
  if (!SECONDS.test(value)) throw new InvalidRequestError('max_age must be a whole number of seconds.');
  ctx.maxAge = Number(value);
};
